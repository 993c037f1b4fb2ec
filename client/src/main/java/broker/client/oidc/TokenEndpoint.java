package broker.client.oidc;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.core.SecureUrls;
import broker.client.json.JsonException;
import broker.client.json.JsonFields;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpReply;
import broker.client.remote.HttpTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Form posts to the issuer's token (and device authorization) endpoints as a public client: no client secret. */
public final class TokenEndpoint {
    private final HttpTransport http;

    public TokenEndpoint(HttpTransport http) {
        this.http = http;
    }

    public Result<TokenAnswer> exchange(URI endpoint, Map<String, String> form) {
        return post(endpoint, form).flatMap(reply -> {
            JsonFields body;
            try {
                body = JsonFields.parse(reply.body());
            } catch (JsonException e) {
                return Result.err(reply.status() >= 500 || reply.status() == 429
                        ? new ClientFailure.Unavailable(OidcMetadata.SERVICE, reply.status(), null, "HTTP " + reply.status())
                        : new ClientFailure.InvalidResponse(OidcMetadata.SERVICE,
                        "token endpoint answered HTTP " + reply.status() + " without JSON"));
            }
            try {
                if (reply.successful()) {
                    return Result.ok(new TokenAnswer.Tokens(body.optionalString("id_token"),
                            body.optionalString("refresh_token"), body.longValue("expires_in", 0)));
                }
                if (body.has("error")) {
                    return Result.ok(new TokenAnswer.OAuthError(reply.status(), body.string("error"),
                            body.optionalString("error_description")));
                }
            } catch (JsonException | IllegalArgumentException e) {
                return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, e.getMessage()));
            }
            return Result.err(reply.status() >= 500 || reply.status() == 429
                    ? new ClientFailure.Unavailable(OidcMetadata.SERVICE, reply.status(), null, "HTTP " + reply.status())
                    : new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "token endpoint answered HTTP " + reply.status()));
        });
    }

    /** A JSON answer of another form endpoint (device authorization), or the failure. */
    public Result<JsonFields> postForJson(URI endpoint, Map<String, String> form) {
        return post(endpoint, form).flatMap(reply -> {
            if (!reply.successful()) {
                String error = "HTTP " + reply.status();
                try {
                    JsonFields body = JsonFields.parse(reply.body());
                    if (body.has("error")) {
                        error = body.string("error") + (body.has("error_description")
                                ? ": " + body.optionalString("error_description") : "");
                    }
                } catch (JsonException ignored) {
                    // keep the status
                }
                return Result.err(new ClientFailure.LoginFailed("the identity provider refused the device login (" + error + ")"));
            }
            try {
                return Result.ok(JsonFields.parse(reply.body()));
            } catch (JsonException e) {
                return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, e.getMessage()));
            }
        });
    }

    /**
     * RFC 7009 token revocation: asks the issuer to forget {@code token} (a refresh token). The issuer answers 200 even
     * for a token it does not know.
     */
    public Result<Void> revoke(URI endpoint, String token, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", "refresh_token");
        form.put("client_id", clientId);
        return post(endpoint, form).flatMap(reply -> reply.successful() ? Result.ok(null)
                : Result.err(reply.status() >= 500 || reply.status() == 429
                        ? new ClientFailure.Unavailable(OidcMetadata.SERVICE, reply.status(), null, "HTTP " + reply.status())
                        : new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "revocation endpoint answered HTTP "
                        + reply.status())));
    }

    private Result<HttpReply> post(URI endpoint, Map<String, String> form) {
        if (!SecureUrls.allowed(endpoint)) {
            // A stored token endpoint from before this check, or a bug: never send a token in clear text.
            return Result.err(new ClientFailure.InvalidResponse(OidcMetadata.SERVICE, "the endpoint " + endpoint
                    + " is not https; nothing was sent. Run: bedrock-broker login"));
        }
        var body = new StringBuilder();
        for (var entry : form.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        return http.send(HttpCall.post(endpoint, headers, body.toString()));
    }
}
