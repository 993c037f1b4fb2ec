package broker.lambda.testing;

import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.TrustedIssuer;
import java.util.List;

/** People and issuers for tests: one issuer, as the JSON events under {@code events/} carry in {@code iss}. */
public final class Principals {
    /** The {@code iss} of the test events and of {@link #person}. */
    public static final String ISSUER = "https://idp.example.com";

    private Principals() {}

    /** The principal with this subject at {@link #ISSUER}. */
    public static PrincipalId principal(String subject) {
        return new PrincipalId(ISSUER, subject);
    }

    /** A person at {@link #ISSUER}. */
    public static Identity person(String subject, String userName, String email, List<String> groups) {
        return Identity.person(principal(subject), userName, email, groups);
    }

    /** {@link #ISSUER} as a people issuer with these claims, accepting {@code broker-cli}. */
    public static TrustedIssuer issuer(IdentityClaims claims) {
        return TrustedIssuer.people(ISSUER, List.of("broker-cli"), claims);
    }
}
