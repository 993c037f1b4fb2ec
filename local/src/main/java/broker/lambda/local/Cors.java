package broker.lambda.local;

import broker.contract.CorsPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-origin access for browser portals, as the stack's HTTP API configures it ({@code infra}'s {@code HttpApi}):
 * only the listed origins, echoed back one at a time (never {@code *}), the methods, request headers and preflight
 * cache time of {@link CorsPolicy}, no credentials (tokens travel in {@code Authorization}, never in cookies). With no
 * origins there is no CORS at all, as in the stack.
 *
 * @param allowedOrigins origins such as {@code https://portal.example.com}: scheme, host and optional port
 */
public record Cors(List<String> allowedOrigins) {
    /** No cross-origin access. */
    public static final Cors NONE = new Cors(List.of());

    public Cors {
        allowedOrigins = allowedOrigins.stream().map(Cors::requireOrigin).distinct().toList();
    }

    /** True when some origin is allowed, so that the server answers preflights and sends {@code Vary: Origin}. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** The request's {@code Origin} when it is allowed (browsers send it lower-case), else empty. */
    public Optional<String> allowed(String origin) {
        if (origin == null) return Optional.empty();
        String lower = origin.toLowerCase(Locale.ROOT);
        return allowedOrigins.contains(lower) ? Optional.of(lower) : Optional.empty();
    }

    /** True for a CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equalsIgnoreCase(method) && origin != null && requestMethod != null;
    }

    /** The headers of a preflight answer: empty for an origin that is not allowed, so the browser blocks the call. */
    Map<String, String> preflightHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        allowed(origin).ifPresent(allowed -> {
            headers.put("Access-Control-Allow-Origin", allowed);
            headers.put("Access-Control-Allow-Methods", String.join(",", CorsPolicy.ALLOWED_METHODS));
            headers.put("Access-Control-Allow-Headers", String.join(",", CorsPolicy.ALLOWED_HEADERS));
            headers.put("Access-Control-Max-Age", Long.toString(CorsPolicy.MAX_AGE.toSeconds()));
        });
        return headers;
    }

    /** Validates and normalizes one configured origin; the same rule as the stack's {@code allowedOrigins}. */
    static String requireOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(message(origin), e);
        }
        boolean ok = uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null
                && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        if (!ok) throw new IllegalArgumentException(message(origin));
        return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                .toLowerCase(Locale.ROOT);
    }

    private static String message(String origin) {
        return "a CORS origin is a scheme, host and optional port such as https://portal.example.com"
                + " (no path, no wildcard); got '" + origin + "'";
    }
}
