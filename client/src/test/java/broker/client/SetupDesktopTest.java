package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.client.setup.DesktopConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup desktop}: Claude Desktop's local configuration library and the MDM forms. */
class SetupDesktopTest {
    private static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    Path library;
    Path helper;
    String id;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.osName = "Mac OS X";
        world.broker.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"models\":[{\"id\":\"" + HAIKU + "\",\"foundationModel\":\"anthropic.claude-haiku-4-5-20251001-v1:0\","
                        + "\"regions\":[\"us-east-1\"]},{\"id\":\"" + SONNET + "\",\"foundationModel\":"
                        + "\"anthropic.claude-sonnet-4-5-20250929-v1:0\",\"regions\":[\"us-east-1\"]},{\"id\":"
                        + "\"amazon.nova-pro-v1:0\",\"regions\":[\"us-east-1\"]}],\"recommended\":{\"primary\":\"" + SONNET
                        + "\",\"fast\":\"" + HAIKU + "\"},\"source\":\"catalog\"}")));
        world.configureAndLogin();
        library = home.resolve("Library/Application Support/Claude-3p/configLibrary");
        helper = world.profileDir().resolve("claude-desktop-helper");
        id = DesktopConfig.configId("default");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private List<Path> backups(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bak")).toList();
        }
    }

    @Test
    void setupDesktop_nothingThere_writesTheHelperTheConfigurationAndAppliesIt() throws Exception {
        TestWorld.Run run = world.run("setup", "desktop");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(helper)).isEqualTo("#!/bin/sh\n# Claude Desktop's inferenceCredentialHelper,"
                + " written by bedrock-broker setup desktop.\nexec " + world.launcher
                + " helper desktop --profile default --ttl 1800s --region us-east-1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helper))).isEqualTo("rwx------");
        assertThat(Json.parseObject(Files.readString(library.resolve(id + ".json")))).containsExactly(
                Map.entry("inferenceProvider", "bedrock"), Map.entry("inferenceBedrockRegion", "us-east-1"),
                Map.entry("inferenceCredentialKind", "helper-script"),
                Map.entry("inferenceCredentialHelper", helper.toString()),
                Map.entry("inferenceCredentialHelperTtlSec", 1800L),
                Map.entry("inferenceCredentialHelperSilentRefreshEnabled", true),
                Map.entry("inferenceModels", List.of(SONNET, HAIKU)));
        assertThat(Json.parseObject(Files.readString(library.resolve("_meta.json")))).isEqualTo(Map.of(
                "entries", List.of(Map.of("id", id, "name", "Bedrock Broker")), "appliedId", id));
        assertThat(run.err()).contains("Quit and reopen Claude Desktop");
    }

    @Test
    void setupDesktop_existingLibrary_changesOnlyItsEntryAndAppliedIdAndBacksUpTheOldMeta() throws Exception {
        Files.createDirectories(library);
        String before = "{\r\n    \"appliedId\": \"1b2c\",\r\n    \"entries\": [{\"id\":\"1b2c\",\"name\":\"Gateway\"}],"
                + "\r\n    \"futureKey\": 1.50\r\n}";
        Files.writeString(library.resolve("_meta.json"), before);
        Files.writeString(library.resolve("1b2c.json"), "{\"inferenceProvider\":\"gateway\"}");

        TestWorld.Run run = world.run("setup", "desktop");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(library.resolve("_meta.json"))).isEqualTo("{\r\n    \"appliedId\": \"" + id
                + "\",\r\n    \"entries\": [{\"id\":\"1b2c\",\"name\":\"Gateway\"},{\"id\":\"" + id
                + "\",\"name\":\"Bedrock Broker\"}],\r\n    \"futureKey\": 1.50\r\n}");
        assertThat(Files.readString(library.resolve("1b2c.json"))).isEqualTo("{\"inferenceProvider\":\"gateway\"}");
        assertThat(backups(library)).singleElement()
                .satisfies(backup -> assertThat(Files.readString(backup)).isEqualTo(before));
    }

    @Test
    void setupDesktop_twice_changesNothingTheSecondTime() throws Exception {
        world.run("setup", "desktop");

        TestWorld.Run again = world.run("setup", "desktop");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains(helper + " is already set up; nothing changed.");
        assertThat(backups(library)).isEmpty();
        assertThat(backups(helper.getParent())).isEmpty();
    }

    @Test
    void setupDesktop_dryRun_printsTheDiffAndWritesNothing() {
        TestWorld.Run run = world.run("setup", "desktop", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("+  \"inferenceCredentialKind\": \"helper-script\"", "helper desktop --profile default");
        assertThat(library).doesNotExist();
        assertThat(helper).doesNotExist();
    }

    @Test
    void setupDesktop_brokenMeta_changesNothingAndSaysSo() throws Exception {
        Files.createDirectories(library);
        Files.writeString(library.resolve("_meta.json"), "{\"entries\": {}}");

        TestWorld.Run run = world.run("setup", "desktop");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("_meta.json").contains("nothing was changed");
        assertThat(library.resolve(id + ".json")).doesNotExist();
    }

    @Test
    void setupDesktop_mdmMacos_printsAProfileWithStringValuesAndWritesNoLibrary() {
        TestWorld.Run run = world.run("setup", "desktop", "--mdm", "macos", "--ttl", "20m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist")
                .contains("<key>PayloadType</key>\n\t\t\t<string>com.anthropic.claudefordesktop</string>")
                .contains("<key>inferenceCredentialHelper</key>\n\t\t\t<string>" + helper + "</string>")
                .contains("<key>inferenceCredentialHelperTtlSec</key>\n\t\t\t<string>1200</string>")
                .contains("<key>inferenceCredentialHelperSilentRefreshEnabled</key>\n\t\t\t<string>true</string>")
                .contains("<key>inferenceModels</key>\n\t\t\t<string>[&quot;" + SONNET + "&quot;,&quot;" + HAIKU
                        + "&quot;]</string>")
                .endsWith("</plist>\n");
        assertThat(run.out()).isEqualTo(world.run("setup", "desktop", "--mdm", "macos", "--ttl", "20m").out());
        assertThat(library).doesNotExist();
    }

    @Test
    void setupDesktop_mdmWindows_printsARegistryFileOfStrings() {
        TestWorld.Run run = world.run("setup", "desktop", "--mdm", "windows");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Windows Registry Editor Version 5.00\r\n\r\n"
                        + "[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]\r\n\"inferenceProvider\"=\"bedrock\"\r\n")
                .contains("\"inferenceCredentialHelper\"=\"" + world.profileDir().resolve("claude-desktop-helper.cmd") + "\"\r\n")
                .contains("\"inferenceModels\"=\"[\\\"" + SONNET + "\\\",\\\"" + HAIKU + "\\\"]\"\r\n")
                .doesNotContain("\r\r");
        assertThat(run.out().replace("\r\n", "")).as("every line ends with CRLF").doesNotContain("\n");
    }

    @Test
    void setupDesktop_onWindows_writesACmdHelperAndTheLocalAppDataLibrary() throws Exception {
        world.osName = "Windows 11";
        world.env.put("LOCALAPPDATA", home.resolve("AppData/Local").toString());

        TestWorld.Run run = world.run("setup", "desktop", "--launcher", "C:\\Program Files\\bb\\bin\\bedrock-broker.cmd");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(world.profileDir().resolve("claude-desktop-helper.cmd"))).isEqualTo(
                "@echo off\r\nrem Claude Desktop's inferenceCredentialHelper, written by bedrock-broker setup desktop.\r\n"
                        + "call \"C:\\Program Files\\bb\\bin\\bedrock-broker.cmd\" helper desktop --profile default"
                        + " --ttl 1800s --region us-east-1\r\nexit /b %errorlevel%\r\n");
        assertThat(home.resolve("AppData/Local/Claude-3p/configLibrary").resolve(id + ".json")).isRegularFile();
    }

    @Test
    void setupDesktop_ttlAboveTheKeysLifetime_isAUsageError() {
        TestWorld.Run run = world.run("setup", "desktop", "--ttl", "1h");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(helper).doesNotExist();
    }

    @Test
    void setupDesktop_theHelperItWrites_isWhatDesktopRuns() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        assertThat(world.run("setup", "desktop", "--launcher", launcher.toString()).exitCode()).isZero();

        var builder = new ProcessBuilder(helper.toString());
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));
        builder.environment().put("CLAUDE_HELPER_CONTEXT", "setup-test");
        builder.environment().put("CLAUDE_HELPER_MANUAL_RUN", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).matches("bedrock-api-key-\\d+\n");
    }
}
