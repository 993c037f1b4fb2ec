package broker.client.oidc;

import broker.client.config.Environment;
import broker.client.core.ClientFailure;
import broker.client.core.IdTokenSource;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.remote.HttpCall;
import broker.client.remote.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A workload's own identity token instead of a person's sign-in, for CI jobs and other non-interactive callers: the
 * file named by {@value #TOKEN_FILE} (read again on every call, since Kubernetes and other platforms rotate it, as
 * the AWS SDKs do with {@code AWS_WEB_IDENTITY_TOKEN_FILE}), or, in GitHub Actions with {@code permissions: id-token:
 * write}, a token fetched from {@value #GITHUB_URL} with the broker's audience. Never prompts and never stores the
 * token.
 */
public final class WebIdentityTokenSource implements IdTokenSource {
    /** A file holding the token (a JWT), for any workload issuer. */
    public static final String TOKEN_FILE = "BEDROCK_BROKER_WEB_IDENTITY_TOKEN_FILE";
    /** The audience asked of GitHub; default: the broker URL. */
    public static final String AUDIENCE = "BEDROCK_BROKER_WEB_IDENTITY_AUDIENCE";
    /** Set by GitHub Actions in jobs that may request an OIDC token. */
    public static final String GITHUB_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public static final String GITHUB_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    static final String SERVICE = "web identity token";
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private sealed interface Origin {
        record TokenFile(Path file) implements Origin {}

        record GitHubActions(URI requestUrl, String requestToken, String audience) implements Origin {}
    }

    private final Origin origin;
    private final HttpTransport http;

    private WebIdentityTokenSource(Origin origin, HttpTransport http) {
        this.origin = origin;
        this.http = http;
    }

    /**
     * The workload token source the environment asks for, if any: {@value #TOKEN_FILE} first, then GitHub Actions'
     * variables (both {@value #GITHUB_URL} and {@value #GITHUB_TOKEN}).
     *
     * @param brokerUrl the broker's URL, GitHub's audience unless {@value #AUDIENCE} says otherwise
     */
    public static Optional<WebIdentityTokenSource> from(Environment env, URI brokerUrl, HttpTransport http) {
        String file = env.get(TOKEN_FILE);
        if (file != null) return Optional.of(new WebIdentityTokenSource(new Origin.TokenFile(Path.of(file)), http));
        String url = env.get(GITHUB_URL);
        String token = env.get(GITHUB_TOKEN);
        if (url == null || token == null) return Optional.empty();
        String audience = env.get(AUDIENCE) != null ? env.get(AUDIENCE) : withoutTrailingSlash(brokerUrl.toString());
        String separator = url.contains("?") ? "&" : "?";
        URI request = URI.create(url + separator + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
        return Optional.of(new WebIdentityTokenSource(new Origin.GitHubActions(request, token, audience), http));
    }

    /** True when the environment names a workload token: the client then never uses a person's sign-in. */
    public static boolean configured(Environment env) {
        return env.get(TOKEN_FILE) != null || env.get(GITHUB_URL) != null && env.get(GITHUB_TOKEN) != null;
    }

    @Override
    public Result<String> idToken(boolean forceRefresh) {
        return switch (origin) {
            case Origin.TokenFile(var file) -> fromFile(file);
            case Origin.GitHubActions(var url, var requestToken, var audience) -> fromGitHub(url, requestToken);
        };
    }

    private static Result<String> fromFile(Path file) {
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), "cannot read the web identity token ("
                    + TOKEN_FILE + "): " + e.getMessage()));
        }
        return checked(token, "the file " + file + " (" + TOKEN_FILE + ")");
    }

    private Result<String> fromGitHub(URI url, String requestToken) {
        return http.send(HttpCall.get(url, Map.of("Authorization", "bearer " + requestToken, "Accept", "application/json")))
                .flatMap(reply -> {
                    if (!reply.successful()) {
                        return Result.err(new ClientFailure.Unavailable(SERVICE, reply.status(), null,
                                "GitHub Actions refused the OIDC token request (does the job have permissions: id-token: write?)"));
                    }
                    Object value;
                    try {
                        value = Json.parseObject(reply.body()).get("value");
                    } catch (JsonException e) {
                        return Result.err(new ClientFailure.InvalidResponse(SERVICE, "GitHub's answer is not JSON"));
                    }
                    return value instanceof String token ? checked(token, "GitHub Actions")
                            : Result.err(new ClientFailure.InvalidResponse(SERVICE, "GitHub's answer has no token"));
                });
    }

    private static Result<String> checked(String token, String where) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS || token.chars().filter(c -> c == '.').count() != 2) {
            return Result.err(new ClientFailure.LoginRequired("no usable web identity token from " + where));
        }
        return Result.ok(token);
    }

    private static String withoutTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
