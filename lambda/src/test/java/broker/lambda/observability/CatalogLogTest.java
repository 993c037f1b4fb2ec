package broker.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.testing.JsonLogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog's log lines through the real JSON layout. */
class CatalogLogTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final CatalogSnapshot US = Catalogs.snapshot(Catalogs.usRegion("us-east-1"));

    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");
    final List<String> lines = logs.lines();

    @Test
    void loaded_withUnusableEntries_logsThemOnceUntilTheyChange() throws Exception {
        var log = new CatalogLog(EntitlementsDocument.parse("""
                {"version":1,"default":{"models":["anthropic.claude-opus-9*"],"regions":["us-east-1"]}}"""));

        log.loaded(US);
        log.loaded(US);
        log.loaded(Catalogs.snapshot(Catalogs.region("us-east-1", List.of(), List.of())));

        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("warnings").get(0).asText()).startsWith("$.default.models[0]: The family anthropic.claude-opus-9*");
    }

    @Test
    void refreshFailed_logsTheRegionAndCauseAndWhatIsUsedMeanwhile() throws Exception {
        var log = new CatalogLog(EntitlementsDocument.parse("""
                {"version":1,"default":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0"],"regions":["us-east-1"]}}"""));

        log.refreshFailed("us-east-1", "ThrottlingException", null);

        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.get("region").asText()).isEqualTo("us-east-1");
        assertThat(line.get("cause").asText()).isEqualTo("bedrock:ThrottlingException");
        assertThat(line.get("message").asText()).contains("static derivation");
    }
}
