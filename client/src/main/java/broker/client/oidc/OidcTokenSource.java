package broker.client.oidc;

import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.IdTokenSource;
import broker.client.core.OidcTokens;
import broker.client.core.Result;
import broker.client.remote.HttpTransport;
import broker.client.store.TokenFile;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored ID token, renewed with the refresh token when due. Runs under the profile's refresh lock (the caller
 * holds it), so a rotating refresh token is never used twice. A refresh token the issuer rejects
 * ({@code invalid_grant}) is deleted: every later call says "log in" at once instead of asking the issuer again.
 */
public final class OidcTokenSource implements IdTokenSource {
    private final TokenFile file;
    private final BrokerSettings settings;
    private final HttpTransport http;
    private final Clock clock;

    public OidcTokenSource(TokenFile file, BrokerSettings settings, HttpTransport http, Clock clock) {
        this.file = file;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Result<String> idToken(boolean forceRefresh) {
        Optional<OidcTokens> stored = file.read();
        if (stored.isEmpty()) {
            return Result.err(new ClientFailure.LoginRequired("you are not signed in"));
        }
        OidcTokens tokens = stored.get();
        Instant now = clock.instant();
        if (!forceRefresh && tokens.idTokenUsableAt(now)) {
            return Result.ok(tokens.idToken());
        }
        if (!tokens.canRefresh()) {
            return Result.err(new ClientFailure.LoginRequired("your sign-in has expired"));
        }
        Result<URI> endpoint = tokens.tokenEndpoint() != null ? Result.ok(URI.create(tokens.tokenEndpoint()))
                : OidcMetadata.discover(settings.issuer(), http).map(OidcMetadata::tokenEndpoint);
        return endpoint.flatMap(uri -> refresh(tokens, uri, now));
    }

    private Result<String> refresh(OidcTokens tokens, URI endpoint, Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", tokens.refreshToken());
        form.put("client_id", settings.clientId());
        return new TokenEndpoint(http).exchange(endpoint, form).flatMap(answer -> switch (answer) {
            case TokenAnswer.OAuthError(var status, var error, var description) when error.equals("invalid_grant") -> {
                file.delete();
                yield Result.err(new ClientFailure.LoginRequired("your sign-in has expired or was revoked"));
            }
            case TokenAnswer.OAuthError(var status, var error, var description) -> Result.err(
                    new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "refreshing the sign-in failed: " + error));
            case TokenAnswer.Tokens renewed -> accept(tokens, renewed, endpoint, now);
        });
    }

    private Result<String> accept(OidcTokens old, TokenAnswer.Tokens renewed, URI endpoint, Instant now) {
        if (renewed.idToken() == null) {
            return Result.err(new ClientFailure.LoginRequired("the identity provider did not renew the ID token"));
        }
        UnverifiedClaims claims;
        try {
            claims = UnverifiedClaims.of(renewed.idToken());
        } catch (RuntimeException e) {
            return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, e.getMessage()));
        }
        if (!settings.issuer().equals(claims.issuer()) || !claims.audience().contains(settings.clientId())
                || (old.subject() != null && !old.subject().equals(claims.subject())) || !claims.expiresAt().isAfter(now)) {
            return Result.err(new ClientFailure.LoginRequired("the renewed ID token does not match your sign-in"));
        }
        var updated = new OidcTokens(renewed.idToken(),
                renewed.refreshToken() != null ? renewed.refreshToken() : old.refreshToken(), claims.expiresAt(),
                claims.subject(), endpoint.toString());
        file.write(updated);
        return Result.ok(updated.idToken());
    }
}
