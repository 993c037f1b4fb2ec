package broker.lambda.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as it reached the local broker, before it becomes an API Gateway event.
 *
 * @param rawQuery the query string as sent (still percent-encoded), or null when there is none
 * @param headers  header names in any case, each with its values in arrival order
 * @param body     the request body; empty when there is none
 */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body, String sourceIp, String protocol) {
    /** Request bodies above this size get a 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    IncomingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(protocol, "protocol");
    }
}
