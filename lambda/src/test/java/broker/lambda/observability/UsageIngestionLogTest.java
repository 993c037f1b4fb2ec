package broker.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.usage.Owner;
import broker.lambda.testing.JsonLogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage ingestion's per-owner lines (the dashboard's top spenders) through the real JSON layout. */
class UsageIngestionLogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");

    @Test
    void charged_logsOneLinePerOwnerWithKeyNameKindAndCost() throws Exception {
        Map<Owner, Long> charged = new LinkedHashMap<>();
        charged.put(new Owner("https://issuer.example", "sub-1", "alice@example.com", List.of("dev"), Owner.Kind.PERSON), 13_500L);
        charged.put(Owner.UNATTRIBUTED, 3_000L);

        UsageIngestionLog.forService().charged(charged);

        assertThat(logs.lines()).hasSize(2);
        JsonNode alice = JSON.readTree(logs.lines().get(0));
        assertThat(alice.get("message").asText()).isEqualTo(UsageIngestionLog.CHARGED_MESSAGE);
        assertThat(alice.get("owner").asText()).isEqualTo("https://issuer.example#sub-1");
        assertThat(alice.get("ownerName").asText()).isEqualTo("alice@example.com");
        assertThat(alice.get("ownerKind").asText()).isEqualTo("PERSON");
        assertThat(alice.get("costMicroUsd").asLong()).isEqualTo(13_500L);
        JsonNode stranger = JSON.readTree(logs.lines().get(1));
        assertThat(stranger.get("owner").asText()).isEqualTo("unattributed");
        assertThat(stranger.get("costMicroUsd").asLong()).isEqualTo(3_000L);
    }
}
