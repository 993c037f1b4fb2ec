package broker.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway responses: JSON bodies and RFC 9457 problems. Nothing here is cacheable. */
public final class Responses {
    private final ObjectMapper json;

    public Responses(ObjectMapper json) {
        this.json = json;
    }

    public APIGatewayV2HTTPResponse ok(Object body) {
        return ok(200, body);
    }

    public APIGatewayV2HTTPResponse ok(int status, Object body) {
        return response(status, "application/json", write(body), Map.of());
    }

    /** A 200 answer with a text body of {@code contentType} (e.g. CSV). */
    public APIGatewayV2HTTPResponse text(String contentType, String body) {
        return response(200, contentType, body, Map.of());
    }

    /** A 204 answer without a body. */
    public APIGatewayV2HTTPResponse noContent() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).build();
    }

    /** A problem answer; {@code detail} is a sentence for the user and never carries internals. */
    public APIGatewayV2HTTPResponse problem(ProblemType type, String detail, String requestId) {
        return problem(type, detail, requestId, null);
    }

    /** A problem answer with a {@code Retry-After} header in whole seconds (at least 1) when {@code retryAfter} is given. */
    public APIGatewayV2HTTPResponse problem(ProblemType type, String detail, String requestId, Duration retryAfter) {
        return problem(type, detail, requestId, retryAfter, Map.of());
    }

    /** A problem answer with extension members (RFC 9457 §3.2) after the standard ones. */
    public APIGatewayV2HTTPResponse problem(ProblemType type, String detail, String requestId, Duration retryAfter,
                                            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        body.put("instance", requestId);
        extensions.forEach(body::putIfAbsent);
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) headers.put("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        if (type == ProblemType.UNAUTHORIZED) headers.put("WWW-Authenticate", "Bearer");
        return response(type.status(), "application/problem+json", write(body), headers);
    }

    private APIGatewayV2HTTPResponse response(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        // Credentials must never sit in a proxy or browser cache.
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body not serializable: " + body.getClass().getName(), e);
        }
    }
}
