package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.lambda.local.RunningBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helper policy} against Claude Code's policyHelper contract ({@code {"managedSettings":{...}}} alone on
 * stdout, exit 0) with the real broker's {@code GET /v1/models} for the signed-in person.
 */
class HelperPolicyTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String OPUS_EU = "eu.anthropic.claude-opus-4-1-20250805-v1:0";

    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    StsStub sts;
    RunningBroker broker;

    @BeforeEach
    void start() throws IOException {
        world = new TestWorld(home);
        sts = new StsStub();
        Path entitlements = Files.writeString(work.resolve("entitlements.json"), """
                {"version":1,"default":{"models":["%s"],"regions":["eu-west-1"]},
                 "groups":{"developers":{"models":["%s","%s"],"regions":["us-east-1"]}}}"""
                .formatted(OPUS_EU, SONNET, HAIKU));
        broker = world.startLocalBrokerAndSignIn(entitlements, sts.uri());
    }

    @AfterEach
    void stop() {
        broker.close();
        sts.close();
        world.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> managed(TestWorld.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).hasLineCount(1);
        Map<String, Object> answer = Json.parseObject(run.out());
        assertThat(answer).containsOnlyKeys("managedSettings");
        return (Map<String, Object>) answer.get("managedSettings");
    }

    @Test
    void policy_signedIn_announcesTheModelsOfTheBrokersRegionWithEnvAndHooks() {
        Map<String, Object> settings = managed(world.run("helper", "policy"));

        assertThat(settings.get("availableModels")).isEqualTo(List.of(HAIKU, SONNET));
        assertThat(settings).containsEntry("enforceAvailableModels", true)
                .containsEntry("awsCredentialExport", world.launcher + " export --profile default")
                .containsEntry("awsAuthRefresh", world.launcher + " login --profile default")
                .doesNotContainKey("otelHeadersHelper");
        assertThat(settings.get("env")).isEqualTo(Map.of("CLAUDE_CODE_USE_BEDROCK", "1", "AWS_REGION", "us-east-1",
                "ANTHROPIC_MODEL", SONNET, "ANTHROPIC_DEFAULT_HAIKU_MODEL", HAIKU, "ANTHROPIC_SMALL_FAST_MODEL", HAIKU));
    }

    @Test
    void policy_otherRegion_announcesThatRegionsModelsOnly() {
        Map<String, Object> settings = managed(world.run("helper", "policy", "--region", "eu-west-1"));

        assertThat(settings.get("availableModels")).isEqualTo(List.of(OPUS_EU));
        assertThat((Map<String, Object>) settings.get("env")).containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("ANTHROPIC_MODEL", OPUS_EU).doesNotContainKey("ANTHROPIC_DEFAULT_HAIKU_MODEL");
    }

    @Test
    void policy_otelEndpoint_turnsOnTelemetryWithTheHeadersHelper() {
        Map<String, Object> settings = managed(world.run("helper", "policy", "--otel-endpoint",
                "https://otel.example.com:4318"));

        assertThat(settings).containsEntry("otelHeadersHelper",
                world.launcher + " helper otel-headers --profile default");
        assertThat((Map<String, Object>) settings.get("env")).containsEntry("CLAUDE_CODE_ENABLE_TELEMETRY", "1")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "https://otel.example.com:4318")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .containsEntry("OTEL_METRICS_EXPORTER", "otlp").containsEntry("OTEL_LOGS_EXPORTER", "otlp");
    }

    @Test
    void policy_withinMaxAge_servesTheCachedAnswerWithoutTheBroker() {
        String first = world.run("helper", "policy").out();
        broker.close();
        world.clock.advance(Duration.ofMinutes(2));

        TestWorld.Run second = world.run("helper", "policy");

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first);
        assertThat(second.err()).isEmpty();
    }

    @Test
    void policy_brokerUnreachable_servesTheLastGoodAnswerWithAWarning() {
        String first = world.run("helper", "policy").out();
        broker.close();
        world.clock.advance(Duration.ofMinutes(10));

        TestWorld.Run run = world.run("helper", "policy");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(first);
        assertThat(run.err()).startsWith("bedrock-broker: warning: using the managed settings computed at ");
    }

    @Test
    void policy_neverSignedIn_printsTheSettingsThatNeedNoBroker() {
        world.run("logout");

        Map<String, Object> settings = managed(world.run("helper", "policy"));

        assertThat(settings).doesNotContainKeys("availableModels", "enforceAvailableModels")
                .containsEntry("awsAuthRefresh", world.launcher + " login --profile default");
        assertThat((Map<String, Object>) settings.get("env")).containsEntry("CLAUDE_CODE_USE_BEDROCK", "1")
                .containsEntry("AWS_REGION", "us-east-1");
    }

    @Test
    void policy_throughTheLauncher_printsOnlyTheEnvelope() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        var builder = new ProcessBuilder(launcher.toString(), "helper", "policy");
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));

        long started = System.nanoTime();
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).hasLineCount(1);
        Map<String, Object> settings = (Map<String, Object>) Json.parseObject(out).get("managedSettings");
        assertThat(settings.get("availableModels")).isEqualTo(List.of(HAIKU, SONNET));
        assertThat((String) settings.get("awsCredentialExport")).startsWith(launcher + " export");
        System.out.printf("HELPER-POLICY through the launcher (broker call): %d ms%n", millis);
        assertThat(millis).as("within the timeoutMs setup claude --managed writes").isLessThan(15_000);
    }
}
