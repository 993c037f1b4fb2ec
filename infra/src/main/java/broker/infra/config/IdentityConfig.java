package broker.infra.config;

import broker.lambda.core.Require;
import java.util.List;

/** Who signs users in: a Cognito user pool that the stack creates, or an OIDC issuer the company already runs. */
public sealed interface IdentityConfig {

    /**
     * The stack creates a Cognito user pool with managed login, a public CLI client and, when callback URLs are
     * given, a public portal client.
     *
     * @param domainPrefix       managed-login domain prefix ({@code <prefix>.auth.<region>.amazoncognito.com}),
     *                           or null for {@code bedrock-broker-<account id>}
     * @param portalCallbackUrls the portal client's callback URLs; empty: no portal client
     * @param portalLogoutUrls   the portal client's sign-out URLs
     * @param plusTier           true: Cognito Plus feature plan with threat protection enforced (billed per user)
     */
    record CognitoPool(String domainPrefix, List<String> portalCallbackUrls, List<String> portalLogoutUrls,
                       boolean plusTier) implements IdentityConfig {
        public CognitoPool {
            portalCallbackUrls = List.copyOf(portalCallbackUrls);
            portalLogoutUrls = List.copyOf(portalLogoutUrls);
        }

        public boolean hasPortalClient() {
            return !portalCallbackUrls.isEmpty();
        }
    }

    /**
     * An external OIDC issuer (Okta, Entra ID, Auth0, Keycloak, Google, ...).
     *
     * @param issuer    the issuer URL exactly as in its tokens' {@code iss} claim
     * @param clientId  the public (PKCE) client registered at the issuer for the CLI
     * @param audiences the {@code aud} values the API accepts
     */
    record ExternalIssuer(String issuer, String clientId, List<String> audiences) implements IdentityConfig {
        public ExternalIssuer {
            Require.nonNull("issuer clientId", issuer, clientId);
            audiences = List.copyOf(audiences);
        }
    }
}
