package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup claude} on absent, existing and broken settings files (golden files under settings/). */
class SetupClaudeTest {
    @TempDir
    Path home;

    TestWorld world;
    Path settings;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        assertThat(world.run("configure", "--url", world.brokerUrl()).exitCode()).isZero();
        settings = home.resolve(".claude/settings.json");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private String golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/settings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@LAUNCHER@", world.launcher);
        }
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(settings.getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bak")).toList();
        }
    }

    @Test
    void setupClaude_noSettingsFile_createsItWithTheHooksAndEnv() throws Exception {
        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(settings)).isEqualTo(golden("absent.export.expected.json"));
        assertThat(run.err()).contains("Updated " + settings + " (new file)").contains("Next: bedrock-broker login");
        assertThat(backups()).isEmpty();
    }

    @Test
    void setupClaude_existingSettings_keepsEveryOtherByteAndBacksUpTheOldFile() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, golden("existing.json"));

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(settings)).isEqualTo(golden("existing.export.expected.json"));
        assertThat(backups()).singleElement().satisfies(backup -> {
            assertThat(Files.readString(backup)).isEqualTo(golden("existing.json"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        });
    }

    @Test
    void setupClaude_twice_changesNothingTheSecondTime() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, golden("existing.json"));
        world.run("setup", "claude");
        String once = Files.readString(settings);

        TestWorld.Run again = world.run("setup", "claude");

        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("already set up; nothing changed");
        assertThat(Files.readString(settings)).isEqualTo(once);
        assertThat(backups()).hasSize(1);
    }

    @Test
    void setupClaude_invalidJson_isRefusedAndLeftUntouched() throws Exception {
        Files.createDirectories(settings.getParent());
        String broken = golden("broken.json");
        Files.writeString(settings, broken);

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains(settings.toString()).contains("not valid JSON").contains("line 5, column 3")
                .contains("nothing was changed");
        assertThat(Files.readString(settings)).isEqualTo(broken);
        assertThat(backups()).isEmpty();
    }

    @Test
    void setupClaude_envThatIsNotAnObject_isRefused() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"env\": \"x\"}");

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err()).contains("\"env\" is not a JSON object");
        assertThat(Files.readString(settings)).isEqualTo("{\"env\": \"x\"}");
    }

    @Test
    void setupClaude_dryRun_printsTheDiffAndWritesNothing() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, golden("existing.json"));

        TestWorld.Run run = world.run("setup", "claude", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("--- " + settings + "\n+++ " + settings + " (after)\n")
                .contains("-\t\t\"AWS_REGION\": \"eu-west-1\"")
                .contains("+\t\t\"AWS_REGION\": \"us-east-1\",")
                .contains("+\t\"awsCredentialExport\" : \"" + world.launcher + " export --profile default\",")
                .doesNotContain("cleanupPeriodDays");
        assertThat(run.err()).contains("Dry run: nothing was written");
        assertThat(Files.readString(settings)).isEqualTo(golden("existing.json"));
        assertThat(backups()).isEmpty();
    }

    @Test
    void setupClaude_dryRun_redactsSecretsInContextLines() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\n  \"env\": {\n    \"MY_API_TOKEN\": \"s3cr3t\"\n  }\n}\n");

        TestWorld.Run run = world.run("setup", "claude", "--dry-run");

        assertThat(run.out()).contains("\"MY_API_TOKEN\": <redacted>").doesNotContain("s3cr3t");
    }

    @Test
    void setupClaude_refreshMode_namesTheRefreshProfile() throws Exception {
        TestWorld.Run run = world.run("setup", "claude", "--mode", "refresh");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(settings)).isEqualTo(golden("absent.refresh.expected.json"));
    }

    @Test
    void setupClaude_fromExportToRefreshMode_dropsOurExportHook() throws Exception {
        world.run("setup", "claude");

        assertThat(world.run("setup", "claude", "--mode", "refresh").exitCode()).isZero();

        assertThat(Files.readString(settings)).doesNotContain("awsCredentialExport")
                .contains("\"AWS_PROFILE\": \"bedrock-broker\"").contains(" refresh --profile default");
    }

    @Test
    void setupClaude_someoneElsesExportHook_isDroppedByTheOtherModesAsItWouldWin() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"awsCredentialExport\": \"my-own-script\", \"model\": \"opus\"}");

        world.run("setup", "claude", "--mode", "process");

        assertThat(Files.readString(settings)).doesNotContain("my-own-script").contains("\"model\": \"opus\"");
    }

    @Test
    void setupClaude_backToExportMode_dropsOurAwsProfile() throws Exception {
        world.run("setup", "claude", "--mode", "refresh");

        world.run("setup", "claude");

        assertThat(Files.readString(settings)).doesNotContain("AWS_PROFILE").contains("\"awsCredentialExport\"");
    }

    @Test
    void setupClaude_processMode_alsoWritesTheCredentialProcessProfile() throws Exception {
        TestWorld.Run run = world.run("setup", "claude", "--mode", "process");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(settings)).contains("\"AWS_PROFILE\": \"bedrock\"").doesNotContain("awsCredentialExport");
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo("[profile bedrock]\ncredential_process = "
                + world.launcher + " credential-process --profile default\nregion = us-east-1\n");
    }

    @Test
    void setupClaude_otherProfile_namesItInEveryHook() throws Exception {
        world.run("configure", "--url", world.brokerUrl(), "--profile", "work");

        world.run("setup", "claude", "--profile", "work", "--mode", "refresh");

        assertThat(Files.readString(settings)).contains("refresh --profile work --aws-profile bedrock-broker-work")
                .contains("\"AWS_PROFILE\": \"bedrock-broker-work\"");
    }

    @Test
    void setupClaude_competingCredentials_areWarnedAbout() throws Exception {
        world.env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIA2\n");

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: AWS_ACCESS_KEY_ID is set in your environment")
                .contains("warning: the [default] profile of the shared credentials file holds access keys")
                .doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void setupClaude_settingsFileIsASymlink_writesItsTargetAndKeepsTheLink() throws Exception {
        Path dotfiles = Files.createDirectories(home.resolve("dotfiles"));
        Path real = Files.writeString(dotfiles.resolve("settings.json"), "{\"model\": \"opus\"}\n");
        Files.createDirectories(settings.getParent());
        Files.createSymbolicLink(settings, real);

        assertThat(world.run("setup", "claude").exitCode()).isZero();

        assertThat(Files.isSymbolicLink(settings)).isTrue();
        assertThat(Files.readString(real)).contains("\"model\": \"opus\"").contains("awsCredentialExport");
    }

    @Test
    void setupClaude_claudeConfigDir_isHonoured() throws Exception {
        Path dir = home.resolve("elsewhere");
        world.env.put("CLAUDE_CONFIG_DIR", dir.toString());

        assertThat(world.run("setup", "claude").exitCode()).isZero();

        assertThat(dir.resolve("settings.json")).exists();
        assertThat(settings).doesNotExist();
    }

    @Test
    void setupClaude_launcherUnknown_saysHowToGiveIt() {
        world.launcher = null;

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--launcher");
        assertThat(settings).doesNotExist();
    }

    @Test
    void setupClaude_launcherWithSpaces_isQuotedForTheShell() throws Exception {
        world.launcher = TestWorld.createLauncher(home.resolve("My Tools/bedrock-broker/bin/bedrock-broker"));

        world.run("setup", "claude");

        assertThat(Files.readString(settings)).contains("\"awsCredentialExport\": \"'" + world.launcher
                + "' export --profile default\"");
    }

    @Test
    void setupClaude_notConfigured_saysToConfigure() {
        TestWorld.Run run = world.run("setup", "claude", "--profile", "nothing");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("configure --url");
    }

    @Test
    void setupClaude_onWindows_writesTheCmdLauncherQuotedAndKeepsCrlf() throws Exception {
        world.osName = "Windows 11";
        world.launcher = "C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd";
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\r\n  \"model\": \"opus\"\r\n}\r\n");

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(settings)).isEqualTo("{\r\n  \"model\": \"opus\",\r\n"
                + "  \"awsCredentialExport\": \"\\\"C:\\\\Program Files\\\\bedrock-broker\\\\bin\\\\bedrock-broker.cmd\\\" export --profile default\",\r\n"
                + "  \"awsAuthRefresh\": \"\\\"C:\\\\Program Files\\\\bedrock-broker\\\\bin\\\\bedrock-broker.cmd\\\" login --profile default\",\r\n"
                + "  \"env\": {\r\n    \"CLAUDE_CODE_USE_BEDROCK\": \"1\",\r\n    \"AWS_REGION\": \"us-east-1\",\r\n"
                + "    \"ANTHROPIC_MODEL\": \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"\r\n  }\r\n}\r\n");
        @SuppressWarnings("unchecked")
        var read = (java.util.Map<String, Object>) broker.client.json.Json.parse(Files.readString(settings));
        assertThat(read).containsEntry("awsCredentialExport",
                "\"C:\\Program Files\\bedrock-broker\\bin\\bedrock-broker.cmd\" export --profile default");
    }

    @Test
    void setupClaude_help_describesTheModes() {
        TestWorld.Run run = world.run("setup", "claude", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--mode").contains("--dry-run").contains("refresh");
    }

    @Test
    void setupClaude_brokerWithoutRegion_warnsThatClaudeCodeNeedsOne() {
        world.broker.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v1/client-config").atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/json").withBody("{\"issuer\":\"" + world.issuer()
                                + "\",\"clientId\":\"" + TestWorld.CLIENT_ID + "\",\"scopes\":[\"openid\"],"
                                + "\"redirectPorts\":[" + world.redirectPort + "]}")));
        world.run("configure", "--url", world.brokerUrl());

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("the broker names no region, and Claude Code needs AWS_REGION");
    }
}
