package broker.lambda.core.usage;

import broker.lambda.core.Require;
import broker.lambda.core.identity.PrincipalId;
import java.util.List;

/**
 * Who a logged request is charged to: a person or a workload the broker issued credentials to, or
 * {@link #UNATTRIBUTED} for every identity it did not issue.
 *
 * @param issuer   the OIDC issuer that vouched for the subject (never contains {@code #}: OIDC issuers have no
 *                 fragment); empty only for {@link #UNATTRIBUTED}
 * @param subject  the issuer's stable subject
 * @param userName a readable name
 * @param groups   the groups at issuance
 * @param kind     person, workload or unattributed
 */
public record Owner(String issuer, String subject, String userName, List<String> groups, Kind kind) {
    /** The key the ledger keeps the strangers' usage under. */
    public static final String UNATTRIBUTED_KEY = "unattributed";
    /** Every identity the broker did not issue credentials to. */
    public static final Owner UNATTRIBUTED = new Owner("", UNATTRIBUTED_KEY, UNATTRIBUTED_KEY, List.of(), Kind.UNATTRIBUTED);

    /** What kind of identity an owner is. */
    public enum Kind {
        /** Signed in through the people's issuer. */
        PERSON,
        /** A CI job or cluster workload signed in through a workload issuer. */
        WORKLOAD,
        /** Not issued by the broker. */
        UNATTRIBUTED
    }

    public Owner {
        Require.nonNull("issuer subject userName kind", issuer, subject, userName, kind);
        groups = List.copyOf(groups);
        if (issuer.indexOf('#') >= 0) throw new IllegalArgumentException("issuer contains #");
        if (subject.isEmpty()) throw new IllegalArgumentException("subject is empty");
        // A person's or workload's key is their PrincipalId's: an issuer is required.
        if (kind != Kind.UNATTRIBUTED) new PrincipalId(issuer, subject);
    }

    /** The ledger key: {@link PrincipalId#key()} of the issuer and subject, or {@value #UNATTRIBUTED_KEY}. */
    public String key() {
        return kind == Kind.UNATTRIBUTED ? UNATTRIBUTED_KEY : new PrincipalId(issuer, subject).key();
    }
}
