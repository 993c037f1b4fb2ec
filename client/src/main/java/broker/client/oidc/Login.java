package broker.client.oidc;

import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.OidcTokens;
import broker.client.core.Result;
import broker.client.core.SecureUrls;
import broker.client.json.JsonFields;
import broker.client.remote.HttpTransport;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interactive sign-in: authorization code with PKCE (S256), {@code state} and {@code nonce} and a loopback redirect
 * (the default), or the device authorization grant (RFC 8628) for machines without a browser. Both verify the ID
 * token before returning it. Instructions go to {@code say} (stderr); nothing secret is printed.
 */
public record Login(BrokerSettings settings, HttpTransport http, Browser browser, PrintStream say, Clock clock,
                    Sleeper sleeper) {
    /** How long a person gets to finish signing in. */
    public static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);

    /** Waits between device-grant polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Authorization code + PKCE with a loopback redirect; the browser is opened unless {@code noBrowser}. */
    public Result<OidcTokens> withBrowser(boolean noBrowser) {
        return OidcMetadata.discover(settings.issuer(), http).flatMap(metadata -> {
            String state = Secrets.random();
            String nonce = Secrets.random();
            String verifier = Secrets.random();
            return LoopbackReceiver.bind(settings.redirectPorts(), state).flatMap(receiver -> {
                try (receiver) {
                    if (!SecureUrls.allowed(metadata.authorizationEndpoint())) {
                        // discover() refuses these already; this guards the browser launch itself.
                        return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "its authorization"
                                + " endpoint " + metadata.authorizationEndpoint() + " is not https; no browser was opened"));
                    }
                    URI authorize = authorizeUri(metadata, receiver.redirectUri(), state, nonce, Secrets.s256(verifier));
                    boolean opened = !noBrowser && browser.open(authorize);
                    say.println(opened
                            ? "Opened your browser to sign in. If it did not open, visit this URL:"
                            : "To sign in, open this URL in a browser on this machine:");
                    say.println();
                    say.println("  " + authorize);
                    say.println();
                    say.println("Waiting for the sign-in to finish (up to " + BROWSER_TIMEOUT.toMinutes() + " minutes)...");
                    say.flush();
                    return receiver.awaitCode(BROWSER_TIMEOUT).flatMap(code -> {
                        Map<String, String> form = new LinkedHashMap<>();
                        form.put("grant_type", "authorization_code");
                        form.put("code", code);
                        form.put("redirect_uri", receiver.redirectUri().toString());
                        form.put("client_id", settings.clientId());
                        form.put("code_verifier", verifier);
                        return tokens(metadata, form, nonce);
                    });
                }
            });
        });
    }

    /** The device authorization grant: show a code and a URL, then poll the token endpoint. */
    public Result<OidcTokens> withDeviceCode() {
        return OidcMetadata.discover(settings.issuer(), http).flatMap(metadata -> {
            if (metadata.deviceAuthorizationEndpoint() == null) {
                return Result.err(new ClientFailure.LoginFailed(
                        "the identity provider does not offer device login; run bedrock-broker login --no-browser instead"));
            }
            var endpoint = new TokenEndpoint(http);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("client_id", settings.clientId());
            form.put("scope", String.join(" ", settings.scopes()));
            return endpoint.postForJson(metadata.deviceAuthorizationEndpoint(), form).flatMap(device -> poll(metadata, endpoint, device));
        });
    }

    private Result<OidcTokens> poll(OidcMetadata metadata, TokenEndpoint endpoint, JsonFields device) {
        String deviceCode;
        String userCode;
        String verification;
        try {
            deviceCode = device.string("device_code");
            userCode = device.string("user_code");
            verification = device.has("verification_uri_complete") ? device.string("verification_uri_complete")
                    : device.string("verification_uri");
        } catch (RuntimeException e) {
            return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "device login answer: " + e.getMessage()));
        }
        Duration interval = Duration.ofSeconds(Math.max(1, device.longValue("interval", 5)));
        Instant deadline = clock.instant().plusSeconds(device.longValue("expires_in", 600));
        say.println("To sign in, visit " + verification);
        say.println("and confirm the code: " + userCode);
        say.flush();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        form.put("device_code", deviceCode);
        form.put("client_id", settings.clientId());
        while (clock.instant().isBefore(deadline)) {
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.err(new ClientFailure.LoginFailed("interrupted"));
            }
            Result<TokenAnswer> answer = endpoint.exchange(metadata.tokenEndpoint(), form);
            if (answer instanceof Result.Ok<TokenAnswer>(TokenAnswer.OAuthError error)) {
                switch (error.error()) {
                    case "authorization_pending" -> {
                        continue;
                    }
                    case "slow_down" -> {
                        interval = interval.plusSeconds(5);
                        continue;
                    }
                    case "access_denied" -> {
                        return Result.err(new ClientFailure.LoginFailed("the sign-in was denied"));
                    }
                    case "expired_token" -> {
                        return Result.err(new ClientFailure.LoginFailed("the code expired before the sign-in finished"));
                    }
                    default -> {
                        return Result.err(new ClientFailure.LoginFailed("the identity provider answered " + error.error()));
                    }
                }
            }
            return answer.flatMap(a -> verified(metadata, a, null));
        }
        return Result.err(new ClientFailure.LoginFailed("the code expired before the sign-in finished"));
    }

    private Result<OidcTokens> tokens(OidcMetadata metadata, Map<String, String> form, String nonce) {
        return new TokenEndpoint(http).exchange(metadata.tokenEndpoint(), form).flatMap(a -> verified(metadata, a, nonce));
    }

    private Result<OidcTokens> verified(OidcMetadata metadata, TokenAnswer answer, String nonce) {
        return switch (answer) {
            case TokenAnswer.OAuthError(var status, var error, var description) -> Result.err(new ClientFailure.LoginFailed(
                    "the identity provider refused the sign-in: " + error + (description == null ? "" : " (" + description + ")")));
            case TokenAnswer.Tokens tokens when tokens.idToken() == null -> Result.err(new ClientFailure.LoginFailed(
                    "the identity provider sent no ID token; is the openid scope allowed for this client?"));
            case TokenAnswer.Tokens tokens -> new IdTokenVerifier(http)
                    .verify(tokens.idToken(), metadata, settings.clientId(), nonce)
                    .map(v -> new OidcTokens(tokens.idToken(), tokens.refreshToken(), v.expiresAt(), v.subject(),
                            metadata.tokenEndpoint().toString()));
        };
    }

    private URI authorizeUri(OidcMetadata metadata, URI redirect, String state, String nonce, String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", settings.clientId());
        params.put("redirect_uri", redirect.toString());
        params.put("scope", String.join(" ", settings.scopes().isEmpty() ? java.util.List.of("openid") : settings.scopes()));
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        var uri = new StringBuilder(metadata.authorizationEndpoint().toString());
        uri.append(metadata.authorizationEndpoint().getRawQuery() == null ? '?' : '&');
        boolean first = true;
        for (var entry : params.entrySet()) {
            if (!first) {
                uri.append('&');
            }
            first = false;
            uri.append(entry.getKey()).append('=').append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return URI.create(uri.toString());
    }
}
