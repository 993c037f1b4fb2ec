package broker.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The parts of an API Gateway (payload 2.0) event the routes use, read null-safely once.
 *
 * @param requestId  API Gateway's request id (also the problem's {@code instance} and the audit line's key)
 * @param routeKey   e.g. {@code POST /v1/credentials}
 * @param claims     the verified JWT claims (from the JWT authorizer, or the Lambda authorizer's context), empty on
 *                   public routes
 * @param body       the UTF-8 body, or the empty string
 * @param contentType the {@code content-type} header, or the empty string
 * @param sourceIp   the caller's IP as API Gateway saw it
 * @param userAgent  the caller's user agent
 * @param queryParameters the query string's parameters (API Gateway joins repeated ones with commas)
 * @param accept     the {@code accept} header, or the empty string
 * @param tokenPayload the decoded JSON payload of the bearer token in {@code Authorization} (the token the
 *                   authorizer verified; never its signature), or null: lets the identity read array claims
 *                   exactly instead of API Gateway's flattened {@code [a b]}
 */
public record ApiRequest(String requestId, String routeKey, Map<String, String> claims, String body,
                         String contentType, String sourceIp, String userAgent, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, String accept, String tokenPayload) {
    /** Bearer tokens above this size are not decoded (the local broker and API Gateway refuse them anyway). */
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** Without a token payload (the identity reads API Gateway's flattened claims only). */
    public ApiRequest(String requestId, String routeKey, Map<String, String> claims, String body, String contentType,
                      String sourceIp, String userAgent, Map<String, String> pathParameters,
                      Map<String, String> queryParameters, String accept) {
        this(requestId, routeKey, claims, body, contentType, sourceIp, userAgent, pathParameters, queryParameters,
                accept, null);
    }

    public ApiRequest {
        claims = claims == null ? Map.of() : Map.copyOf(claims);
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        queryParameters = queryParameters == null ? Map.of() : Map.copyOf(queryParameters);
        accept = accept == null ? "" : accept;
    }

    public static ApiRequest of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String requestId = context != null && context.getRequestId() != null ? context.getRequestId() : UUID.randomUUID().toString();
        String routeKey = event.getRouteKey();
        if ((routeKey == null || routeKey.equals("$default")) && context != null && context.getHttp() != null) {
            routeKey = context.getHttp().getMethod() + " " + context.getHttp().getPath();
        }
        Map<String, String> claims = null;
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null) {
            claims = withoutNulls(context.getAuthorizer().getJwt().getClaims());
        } else if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getLambda() != null) {
            // The Lambda authorizer of a several-issuer stack hands over the same flattened claims as its context.
            claims = new java.util.HashMap<>();
            for (var e : context.getAuthorizer().getLambda().entrySet()) {
                if (e.getKey() != null && e.getValue() != null) claims.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded() && !body.isEmpty()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        String sourceIp = context != null && context.getHttp() != null ? context.getHttp().getSourceIp() : null;
        String userAgent = context != null && context.getHttp() != null ? context.getHttp().getUserAgent() : null;
        return new ApiRequest(requestId, routeKey == null ? "" : routeKey, claims, body,
                header(headers, "content-type"), sourceIp == null ? "" : sourceIp,
                userAgent == null ? header(headers, "user-agent") : userAgent,
                withoutNulls(event.getPathParameters()), withoutNulls(event.getQueryStringParameters()),
                header(headers, "accept"), claims == null ? null : payload(header(headers, "authorization")));
    }

    /** The JSON payload of a {@code Bearer} JWT, or null when the header holds none. */
    static String payload(String authorization) {
        if (authorization.length() > MAX_TOKEN_CHARS + 7 || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) return null;
        try {
            return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        // The payload is claims, not a credential, but it is never logged: the claims say all that is needed.
        return "ApiRequest[requestId=" + requestId + ", routeKey=" + routeKey + "]";
    }

    private static String header(Map<String, String> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) return e.getValue();
        }
        return "";
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        if (map == null) return Map.of();
        var copy = new java.util.HashMap<String, String>();
        map.forEach((k, v) -> {
            if (k != null && v != null) copy.put(k, v);
        });
        return copy;
    }
}
