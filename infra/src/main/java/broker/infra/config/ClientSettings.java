package broker.infra.config;

import broker.lambda.core.Require;
import java.util.List;
import java.util.Objects;

/**
 * What the broker tells the CLI through {@code GET /v1/client-config}, and which token claims it reads.
 *
 * @param scopes        scopes the CLI requests at sign-in
 * @param redirectPorts loopback ports of the CLI's redirect URIs, in order of preference
 * @param usernameClaim the claim holding the user name
 * @param groupsClaim   the claim holding the groups that entitlements name
 * @param primaryModel  recommended model id; may be empty
 * @param fastModel     recommended small/fast model id; may be empty
 * @param portalClientId the onboarding page's public client id at an external issuer, or null (with Cognito the
 *                      stack creates the portal client itself)
 * @param subjectClaim  the stable subject claim that identities are keyed on ({@code sub}; {@code oid} for Entra ID)
 */
public record ClientSettings(List<String> scopes, List<Integer> redirectPorts, String usernameClaim,
                             String groupsClaim, String primaryModel, String fastModel, String portalClientId,
                             String subjectClaim) {
    /** The subject claim unless {@code subjectClaim} is set. */
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";

    public ClientSettings {
        Objects.requireNonNull(subjectClaim, "subjectClaim");
        scopes = List.copyOf(scopes);
        redirectPorts = List.copyOf(redirectPorts);
        Require.nonNull("usernameClaim groupsClaim primaryModel fastModel", usernameClaim, groupsClaim, primaryModel,
                fastModel);
    }

    /** Keyed on {@code sub}. */
    public ClientSettings(List<String> scopes, List<Integer> redirectPorts, String usernameClaim, String groupsClaim,
                          String primaryModel, String fastModel, String portalClientId) {
        this(scopes, redirectPorts, usernameClaim, groupsClaim, primaryModel, fastModel, portalClientId,
                DEFAULT_SUBJECT_CLAIM);
    }

    /** Without an external portal client. */
    public ClientSettings(List<String> scopes, List<Integer> redirectPorts, String usernameClaim, String groupsClaim,
                          String primaryModel, String fastModel) {
        this(scopes, redirectPorts, usernameClaim, groupsClaim, primaryModel, fastModel, null);
    }
}
