package broker.lambda.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The RFC 9457 problems that the local broker answers itself, before or instead of a handler. */
enum Problems {
    /** No valid bearer token on an authenticated route; the handler is not called. */
    UNAUTHORIZED("unauthorized", "Unauthorized", 401,
            "A valid bearer token from the configured issuer is required."),
    /** No route has this path. */
    NOT_FOUND("not-found", "Not found", 404, "There is no such resource."),
    /** A route has this path but not this method; the answer carries {@code Allow}. */
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405, "This resource does not support this method."),
    /** The request body is larger than the broker accepts. */
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413,
            "The request body is larger than " + LocalServer.MAX_BODY_BYTES / 1024 + " KB."),
    /** The handler failed or answered something that is not a valid response; details are in the server log. */
    INTERNAL_ERROR("internal-error", "Internal error", 500,
            "The broker failed to process the request. Quote the request id when reporting it.");

    static final String TYPE_BASE = "https://bedrock-broker.dev/problems/";
    static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String type;
    final String title;
    final int status;
    final String detail;

    Problems(String slug, String title, int status, String detail) {
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    byte[] body(String requestId) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", requestId);
        return problem.toString().getBytes(StandardCharsets.UTF_8);
    }
}
