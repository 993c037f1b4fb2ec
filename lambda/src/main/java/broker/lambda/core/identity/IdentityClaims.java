package broker.lambda.core.identity;

import java.util.Objects;

/**
 * Which JWT claims of one issuer carry the stable subject, the user name and the groups; set by the platform
 * team (Cognito uses {@code cognito:username} and {@code cognito:groups}, most issuers {@code email} and
 * {@code groups}; Entra ID's stable subject is {@code oid}, since its {@code sub} differs per application).
 *
 * @param subjectClaim  the claim that names the person or workload for good: the broker keys sessions,
 *                      revocations and IAM users on it (with the issuer)
 * @param userNameClaim the human-readable name shown in CloudTrail and audit lines; {@code email} counts only
 *                      when the token's {@code email_verified} is {@code true}
 * @param groupsClaim   the groups that the entitlements' profiles name
 */
public record IdentityClaims(String subjectClaim, String userNameClaim, String groupsClaim) {
    /** The subject claim unless configured otherwise. */
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";
    public static final IdentityClaims DEFAULTS = new IdentityClaims(DEFAULT_SUBJECT_CLAIM, "email", "groups");

    public IdentityClaims {
        Objects.requireNonNull(subjectClaim, "subjectClaim");
        Objects.requireNonNull(userNameClaim, "userNameClaim");
        Objects.requireNonNull(groupsClaim, "groupsClaim");
        if (subjectClaim.isBlank()) throw new IllegalArgumentException("subjectClaim is blank");
    }

    /** The user name and groups claims with {@code sub} as the subject. */
    public IdentityClaims(String userNameClaim, String groupsClaim) {
        this(DEFAULT_SUBJECT_CLAIM, userNameClaim, groupsClaim);
    }
}
