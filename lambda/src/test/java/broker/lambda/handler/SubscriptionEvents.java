package broker.lambda.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** CloudWatch Logs subscription events as Lambda receives them: {@code {"awslogs":{"data":<base64 of gzip>}}}. */
final class SubscriptionEvents {
    private SubscriptionEvents() {}

    /** A {@code DATA_MESSAGE} from the invocation log group carrying these messages (one log event each). */
    static Map<String, Object> data(List<String> messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) events.append(',');
            events.append("{\"id\":\"3719").append(i).append("\",\"timestamp\":1765144800000,\"message\":")
                    .append(quote(messages.get(i))).append('}');
        }
        return event(gzipBase64("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\","
                + "\"logGroup\":\"/aws/bedrock/modelinvocations\",\"logStream\":\"aws/bedrock/modelinvocations\","
                + "\"subscriptionFilters\":[\"BedrockBroker-UsageInvocationLogSubscription\"],"
                + "\"logEvents\":[" + events + "]}"));
    }

    /** The {@code CONTROL_MESSAGE} CloudWatch Logs sends to check that the destination is reachable. */
    static Map<String, Object> control() {
        return event(gzipBase64("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1765144800000,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Lambda function.\"}]}"));
    }

    static Map<String, Object> event(String data) {
        return Map.of("awslogs", Map.of("data", data));
    }

    static String gzipBase64(String text) {
        return Base64.getEncoder().encodeToString(gzip(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
