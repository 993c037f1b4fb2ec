package broker.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SnapStart priming of the credentials function leaves nothing an operator could take for a real issuance. */
class PrimingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
             "regions":["us-east-1"],"shortTermKeys":true}}}""";

    @TempDir
    Path dir;

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream originalOut;
    Capture capture;

    static final class Capture extends AbstractAppender {
        final List<String> sink;

        Capture(Layout<?> layout, List<String> sink) {
            super("priming-capture", null, layout, true, Property.EMPTY_ARRAY);
            this.sink = sink;
        }

        @Override
        public void append(LogEvent event) {
            sink.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
        }
    }

    private software.amazon.cloudwatchlogs.emf.environment.Environments originalEmfEnvironment;

    @BeforeEach
    void captureLogsAndStdout() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        var config = context.getConfiguration();
        capture = new Capture(config.getAppender("JsonAppender").getLayout(), lines);
        capture.start();
        config.getLoggerConfig("broker").addAppender(capture, Level.ALL, null);
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        // After Log4j started (its console appender keeps the stream it was built with): what reaches System.out
        // now is what EMF's console sink would print, as it does in Lambda.
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        // EMF's console sink, as in Lambda: off AWS, EMF would otherwise send to an agent over TCP and never print,
        // so that "nothing on stdout" would hold whatever priming did with its metrics.
        var emf = software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig();
        originalEmfEnvironment = emf.getEnvironmentOverride();
        emf.setEnvironmentOverride(software.amazon.cloudwatchlogs.emf.environment.Environments.Local);
    }

    @AfterEach
    void release() {
        System.setOut(originalOut);
        software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig()
                .setEnvironmentOverride(originalEmfEnvironment);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("broker").removeAppender("priming-capture");
        context.getConfiguration().getRootLogger().removeAppender("priming-capture");
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void prime_throughTheRealIssuerAndAuditLog_writesMarkedPrimingLinesAndNoAuditLine() throws Exception {
        List<Integer> statuses = Wiring.prime(config());

        assertThat(statuses).containsExactly(200, 200, 200, 200);
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) nodes.add(JSON.readTree(line));
        assertThat(nodes).noneMatch(node -> node.path("audit").asBoolean());
        List<JsonNode> primingLines = nodes.stream().filter(node -> node.has("action")).toList();
        assertThat(primingLines).extracting(node -> node.get("action").asText() + ":" + node.get("outcome").asText())
                .containsExactly("credentials:issued", "bearer-token:issued");
        assertThat(primingLines).allSatisfy(node -> {
            assertThat(node.get("priming").asBoolean()).isTrue();
            assertThat(node.get("audit").asBoolean()).isFalse();
            assertThat(node.get("message").asText()).startsWith("SnapStart priming, not a real request");
            assertThat(node.get("function_request_id").asText()).isEqualTo("snapstart-priming");
            assertThat(node.get("accessKeyId").asText()).isEqualTo("ASIAPRIMINGPRIMING00");
        });
    }

    @Test
    void prime_metrics_areDroppedNotPrinted() throws Exception {
        Wiring.prime(config());

        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("_aws").doesNotContain("Issued");
    }

    @Test
    void primeApiKeysAndAdmin_throughTheRealIamAdapter_writeOnlyPrimingLines() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, ApiKeysWiringTest.ENTITLEMENTS);
        BrokerConfig config = BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN",
                "arn:aws:iam::123456789012:role/bedrock-users", "AWS_REGION", "eu-central-1",
                "BROKER_ENTITLEMENTS_FILE", file.toString(), "BROKER_ISSUER", "https://idp.example.com",
                "BROKER_CLIENT_ID", "cli", "BROKER_PERMISSIONS_BOUNDARY_ARN", ApiKeysWiringTest.BOUNDARY));

        assertThat(Wiring.primeApiKeys(config)).containsExactly(201, 200, 404);
        assertThat(Wiring.primeAdmin(config)).containsExactly(200, 404, 200);
        List<JsonNode> actions = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.has("action")) actions.add(node);
        }
        assertThat(actions).extracting(node -> node.get("action").asText() + ":" + node.get("outcome").asText())
                .contains("api-key-create:issued", "admin-revoke-sessions:revoked");
        assertThat(actions).allSatisfy(node -> {
            assertThat(node.get("audit").asBoolean()).isFalse();
            assertThat(node.get("priming").asBoolean()).isTrue();
        });
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("_aws");
    }

    BrokerConfig config() throws Exception {
        Path file = dir.resolve("entitlements.json");
        Files.writeString(file, ENTITLEMENTS);
        return BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/bedrock-users",
                "AWS_REGION", "eu-central-1", "BROKER_ENTITLEMENTS_FILE", file.toString(),
                "BROKER_ISSUER", "https://idp.example.com", "BROKER_CLIENT_ID", "cli"));
    }
}
