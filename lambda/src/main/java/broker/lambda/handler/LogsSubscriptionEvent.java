package broker.lambda.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CloudWatch Logs subscription event: {@code awslogs.data} is the base64 of a gzipped
 * {@code {"messageType":"DATA_MESSAGE","logEvents":[{"id","timestamp","message"}]}}; the messages are the invocation
 * log records. A {@code CONTROL_MESSAGE} (the subscription's reachability check) has no records.
 */
final class LogsSubscriptionEvent {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A subscription delivers at most about 1 MB compressed; its JSON expands far less than this. */
    private static final int MAX_DECOMPRESSED = 64 << 20;

    private LogsSubscriptionEvent() {}

    static List<String> messages(Map<String, Object> event) {
        Object awslogs = event == null ? null : event.get("awslogs");
        if (!(awslogs instanceof Map<?, ?> logs) || !(logs.get("data") instanceof String data)) {
            throw new IllegalArgumentException("not a CloudWatch Logs subscription event");
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
            byte[] json = in.readNBytes(MAX_DECOMPRESSED);
            JsonNode root = JSON.readTree(json);
            List<String> messages = new ArrayList<>();
            if (!"DATA_MESSAGE".equals(root.path("messageType").asText())) return messages;
            for (JsonNode logEvent : root.path("logEvents")) messages.add(logEvent.path("message").asText());
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable CloudWatch Logs subscription data", e);
        }
    }
}
