package broker.client.oidc;

import broker.client.core.BrokerSettings;
import broker.client.core.OidcTokens;
import broker.client.core.Result;
import broker.client.remote.HttpTransport;

/**
 * {@code logout}'s call to the issuer: revokes the refresh token (RFC 7009) where the discovery document names a
 * {@code revocation_endpoint}, so a copy of {@code tokens.json} made before the logout cannot sign in again. ID tokens
 * cannot be revoked; they expire within the hour.
 */
public final class TokenRevocation {
    /** What happened at the issuer. */
    public enum Outcome {
        /** The issuer accepted the revocation. */
        REVOKED,
        /** The issuer offers no revocation endpoint: the refresh token stays valid until it expires there. */
        NOT_OFFERED,
        /** There was no refresh token to revoke. */
        NOTHING_TO_REVOKE
    }

    private TokenRevocation() {
    }

    public static Result<Outcome> revoke(BrokerSettings settings, OidcTokens tokens, HttpTransport http) {
        if (!tokens.canRefresh()) {
            return Result.ok(Outcome.NOTHING_TO_REVOKE);
        }
        return OidcMetadata.discover(settings.issuer(), http).flatMap(metadata -> metadata.revocationEndpoint() == null
                ? Result.ok(Outcome.NOT_OFFERED)
                : new TokenEndpoint(http).revoke(metadata.revocationEndpoint(), tokens.refreshToken(), settings.clientId())
                        .map(ignored -> Outcome.REVOKED));
    }
}
