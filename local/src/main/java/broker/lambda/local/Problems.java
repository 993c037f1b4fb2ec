package broker.lambda.local;

import broker.lambda.http.Json;
import broker.lambda.http.ProblemType;
import broker.lambda.http.Responses;
import java.nio.charset.StandardCharsets;

/** The RFC 9457 problems that the local broker answers itself, before or instead of a handler. */
enum Problems {
    /** No valid bearer token on an authenticated route; the handler is not called. */
    UNAUTHORIZED(ProblemType.UNAUTHORIZED, "A valid bearer token from the configured issuer is required."),
    /** No route has this path. */
    NOT_FOUND(ProblemType.NOT_FOUND, "There is no such resource."),
    /** A route has this path but not this method; the answer carries {@code Allow}. */
    METHOD_NOT_ALLOWED(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support this method."),
    /** The request body is larger than the broker accepts. */
    PAYLOAD_TOO_LARGE(ProblemType.PAYLOAD_TOO_LARGE,
            "The request body is larger than " + IncomingRequest.MAX_BODY_BYTES / 1024 + " KB."),
    /** The handler failed or answered something that is not a valid response; details are in the server log. */
    INTERNAL_ERROR(ProblemType.INTERNAL_ERROR,
            "The broker failed to process the request. Quote the request id when reporting it.");

    static final String CONTENT_TYPE = "application/problem+json";
    private static final Responses RESPONSES = new Responses(Json.mapper());

    final ProblemType type;
    final int status;
    final String detail;

    Problems(ProblemType type, String detail) {
        this.type = type;
        this.status = type.status();
        this.detail = detail;
    }

    /** The same problem+json body the Lambda routes answer with. */
    byte[] body(String requestId) {
        return RESPONSES.problem(type, detail, requestId).getBody().getBytes(StandardCharsets.UTF_8);
    }
}
