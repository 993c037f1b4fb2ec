package broker.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subscription envelope: base64 of gzipped JSON in, the log events' messages out; anything else refused. */
class LogsSubscriptionEventTest {

    @Test
    void messages_dataMessage_returnsEachLogEventsMessageInOrder() {
        List<String> records = List.of("{\"schemaType\":\"ModelInvocationLog\",\"requestId\":\"r1\"}",
                "{\"schemaType\":\"ModelInvocationLog\",\"requestId\":\"r2\",\"note\":\"quote \\\" and \\\\ kept\"}");

        assertThat(LogsSubscriptionEvent.messages(SubscriptionEvents.data(records))).containsExactlyElementsOf(records);
    }

    @Test
    void messages_dataMessageWithoutEvents_returnsNothing() {
        assertThat(LogsSubscriptionEvent.messages(SubscriptionEvents.data(List.of()))).isEmpty();
    }

    @Test
    void messages_controlMessage_returnsNothing() {
        assertThat(LogsSubscriptionEvent.messages(SubscriptionEvents.control())).isEmpty();
    }

    @Test
    void messages_unknownMessageType_returnsNothing() {
        var event = SubscriptionEvents.event(SubscriptionEvents.gzipBase64(
                "{\"messageType\":\"SOMETHING_NEW\",\"logEvents\":[{\"message\":\"x\"}]}"));

        assertThat(LogsSubscriptionEvent.messages(event)).isEmpty();
    }

    @Test
    void messages_dataThatIsNotBase64_isRefused() {
        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(SubscriptionEvents.event("not base64 !!")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messages_base64ThatIsNotGzip_isRefusedWithoutItsContent() {
        String plain = Base64.getEncoder().encodeToString("{\"secret\":\"prompt text\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(SubscriptionEvents.event(plain)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("unreadable CloudWatch Logs subscription data")
                .hasMessageNotContaining("prompt");
    }

    @Test
    void messages_gzipThatIsNotJson_isRefused() {
        var event = SubscriptionEvents.event(SubscriptionEvents.gzipBase64("<xml>not json</xml>"));

        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(event)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void messages_truncatedGzip_isRefused() {
        byte[] whole = SubscriptionEvents.gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        var event = SubscriptionEvents.event(Base64.getEncoder().encodeToString(truncated));

        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(event)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void messages_eventWithoutAwslogs_isRefused() {
        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(Map.of("Records", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a CloudWatch Logs subscription event");
    }

    @Test
    void messages_nullEvent_isRefused() {
        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messages_dataThatIsNotAString_isRefused() {
        Map<String, Object> awslogs = new HashMap<>();
        awslogs.put("data", 42);

        assertThatThrownBy(() -> LogsSubscriptionEvent.messages(Map.of("awslogs", awslogs)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
