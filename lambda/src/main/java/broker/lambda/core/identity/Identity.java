package broker.lambda.core.identity;

import broker.lambda.core.Require;
import java.util.List;
import java.util.Map;

/**
 * The signed-in caller, as read from the JWT claims that the authorizer verified.
 *
 * @param principal  the issuer and its stable subject: every derived name is keyed on it
 * @param kind       a person (group profiles apply) or a workload (only workload entries apply)
 * @param userName   a human-readable name (the configured claim, else the subject); never blank
 * @param email      the {@code email} claim when {@code email_verified} is true, else the empty string
 * @param groups     group names from the configured groups claim, in token order, without duplicates
 * @param attributes for workloads, the token's claims (cleaned and bounded) that workload entries match;
 *                   empty for people
 * @param note       for the audit line's {@code cause}: what the broker refused to read from the claims (an
 *                   ambiguous groups claim), or null
 */
public record Identity(PrincipalId principal, PrincipalKind kind, String userName, String email, List<String> groups,
                       Map<String, String> attributes, String note) {
    public Identity {
        Require.nonNull("principal kind userName email", principal, kind, userName, email);
        if (userName.isBlank()) throw new IllegalArgumentException("userName is blank");
        groups = List.copyOf(groups);
        attributes = Map.copyOf(attributes);
    }

    /** A person with these groups and nothing to note. */
    public static Identity person(PrincipalId principal, String userName, String email, List<String> groups) {
        return new Identity(principal, PrincipalKind.PERSON, userName, email, groups, Map.of(), null);
    }

    /** The issuer's subject (the configured subject claim). */
    public String subject() {
        return principal.subject();
    }

    /** The token's issuer. */
    public String issuer() {
        return principal.issuer();
    }

    /** True for a workload token. */
    public boolean isWorkload() {
        return kind == PrincipalKind.WORKLOAD;
    }
}
