package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup claude --telemetry-identity} and {@code setup claude --managed}. */
class SetupClaudeHelpersTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    Path settings;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.configureAndLogin();
        settings = home.resolve(".claude/settings.json");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void setupClaude_telemetryIdentity_addsOnlyTheOtelHeadersHelperAndKeepsABackup() throws Exception {
        assertThat(world.run("setup", "claude").exitCode()).isZero();
        List<String> before = Files.readAllLines(settings);

        TestWorld.Run run = world.run("setup", "claude", "--telemetry-identity");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> after = Files.readAllLines(settings);
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        // The member before it gains its comma; nothing else changes.
        assertThat(added).containsExactly(before.get(before.size() - 2) + ",", "  \"otelHeadersHelper\": \""
                + world.launcher + " helper otel-headers --profile default\"");
        assertThat(after).hasSize(before.size() + 1);
        assertThat(Json.parseObject(Files.readString(settings))).containsEntry("awsCredentialExport",
                world.launcher + " export --profile default");
        try (Stream<Path> files = Files.list(settings.getParent())) {
            assertThat(files.filter(f -> f.toString().endsWith(".bak")).toList()).singleElement()
                    .satisfies(backup -> assertThat(Files.readAllLines(backup)).isEqualTo(before));
        }
    }

    @Test
    void setupClaudeManaged_writesThePolicyHelperNextToTheLauncherAndPrintsTheManagedSettings() throws Exception {
        TestWorld.Run run = world.run("setup", "claude", "--managed", "--otel-endpoint", "https://otel.example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path script = Path.of(world.launcher).resolveSibling("bedrock-broker-policy-helper");
        assertThat(Files.readString(script)).isEqualTo("#!/bin/sh\n# Claude Code's policyHelper, written by"
                + " bedrock-broker setup claude --managed.\nexec " + world.launcher
                + " helper policy --otel-endpoint https://otel.example.com\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
        assertThat(Json.parseObject(run.out())).isEqualTo(Map.of("policyHelper", Map.of("path", script.toString(),
                "timeoutMs", 15000L, "refreshIntervalMs", 300000L)));
        assertThat(run.err()).contains("/etc/claude-code/managed-settings.json")
                .contains("/Library/Application Support/ClaudeCode/managed-settings.json");
        assertThat(settings).doesNotExist();
    }

    @Test
    void setupClaudeManaged_onWindows_isRefusedWithTheReason() {
        world.osName = "Windows 11";

        TestWorld.Run run = world.run("setup", "claude", "--managed", "--launcher", "C:\\bb\\bin\\bedrock-broker.cmd");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".exe");
    }

    @Test
    void setupClaudeManaged_theScriptItWrites_printsManagedSettingsThroughTheLauncher() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        assertThat(world.run("setup", "claude", "--managed", "--launcher", launcher.toString()).exitCode()).isZero();

        var builder = new ProcessBuilder(launcher.resolveSibling("bedrock-broker-policy-helper").toString());
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).hasLineCount(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> managed = (Map<String, Object>) Json.parseObject(out).get("managedSettings");
        assertThat(managed).containsEntry("awsCredentialExport", launcher + " export --profile default");
        assertThat((Map<String, Object>) managed.get("env")).containsEntry("CLAUDE_CODE_USE_BEDROCK", "1");
    }
}
