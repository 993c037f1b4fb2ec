package broker.lambda.core.identity;

import java.util.Objects;

/**
 * Which JWT claims carry the user name and the groups; set by the platform team (Cognito uses
 * {@code cognito:username} and {@code cognito:groups}, most issuers {@code email} and {@code groups}).
 */
public record IdentityClaims(String userNameClaim, String groupsClaim) {
    public static final IdentityClaims DEFAULTS = new IdentityClaims("email", "groups");

    public IdentityClaims {
        Objects.requireNonNull(userNameClaim, "userNameClaim");
        Objects.requireNonNull(groupsClaim, "groupsClaim");
    }
}
