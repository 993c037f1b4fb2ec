package broker.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.cli.Services;
import broker.client.TestWorld;
import broker.client.config.ClientConfig;
import broker.client.config.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}: every check passes on a good setup, and each one is made to fail once. */
class DoctorTest {
    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.configureAndLogin();
        world.stubClientConfig(world.clock.instant());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The status column of the line for {@code check}. */
    private static String status(TestWorld.Run run, String check) {
        return run.out().lines().filter(line -> line.length() > 6 && line.substring(6).startsWith(check + " "))
                .map(line -> line.substring(0, 5).strip()).findFirst().orElse("missing");
    }

    private void setUpEverything() {
        assertThat(world.run("setup", "claude").exitCode()).isZero();
        assertThat(world.run("setup", "aws").exitCode()).isZero();
    }

    @Test
    void doctor_goodSetup_passesEveryCheck() {
        setUpEverything();

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).as(run.out()).isZero();
        for (String check : new String[] {"Java", "Configuration", "Broker", "Clock", "Sign-in", "Credentials",
                "Claude Code", "AWS config", "Other credentials"}) {
            assertThat(status(run, check)).as(check + " in\n" + run.out()).isEqualTo("ok");
        }
        assertThat(run.out()).contains("No problems found.").doesNotContain("secret/").doesNotContain("session-");
    }

    @Test
    void doctor_notConfigured_failsWithTheConfigureCommand() {
        TestWorld.Run run = world.run("doctor", "--profile", "other");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(status(run, "Configuration")).isEqualTo("FAIL");
        assertThat(run.out()).contains("fix: bedrock-broker configure --url <broker URL> --profile other");
        assertThat(status(run, "Broker")).isEqualTo("--");
        assertThat(status(run, "Credentials")).isEqualTo("--");
    }

    @Test
    void doctor_brokerUnreachable_failsAndSkipsWhatNeedsIt() {
        setUpEverything();
        world.broker.stop();

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(status(run, "Broker")).isEqualTo("FAIL");
        assertThat(run.out()).contains("cannot connect to 127.0.0.1").contains("check your network, VPN or HTTPS_PROXY");
        assertThat(status(run, "Clock")).isEqualTo("--");
        assertThat(status(run, "Credentials")).isEqualTo("--");
    }

    @Test
    void doctor_clockFarOff_failsWithTheSkew() {
        setUpEverything();
        world.stubClientConfig(world.clock.instant().plus(Duration.ofMinutes(10)));

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(status(run, "Clock")).isEqualTo("FAIL");
        assertThat(run.out()).contains("600 s behind the broker's").contains("automatic time");
    }

    @Test
    void doctor_clockSlightlyOff_warns() {
        setUpEverything();
        world.stubClientConfig(world.clock.instant().minus(Duration.ofMinutes(2)));

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(status(run, "Clock")).isEqualTo("WARN");
        assertThat(run.out()).contains("120 s ahead of the broker's");
    }

    @Test
    void doctor_signedOut_failsWithTheLoginCommand() {
        setUpEverything();
        world.run("logout");

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(status(run, "Sign-in")).isEqualTo("FAIL");
        assertThat(run.out()).contains("Run: bedrock-broker login");
        assertThat(status(run, "Credentials")).isEqualTo("--");
    }

    @Test
    void doctor_brokerRefusesCredentials_failsWithItsReason() {
        setUpEverything();
        world.broker.stubFor(post("/v1/credentials").atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://x/problems/not-entitled\",\"title\":\"Not entitled\",\"status\":403,"
                        + "\"detail\":\"No Bedrock for you.\"}")));

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(status(run, "Credentials")).isEqualTo("FAIL");
        assertThat(run.out()).contains("No Bedrock for you.");
    }

    @Test
    void doctor_claudeNotSetUp_warnsWithTheSetupCommand() {
        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(status(run, "Claude Code")).isEqualTo("WARN");
        assertThat(run.out()).contains("fix: bedrock-broker setup claude");
        assertThat(status(run, "AWS config")).isEqualTo("--");
    }

    @Test
    void doctor_claudeSettingsWithoutBedrockBroker_fails() throws Exception {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), "{\"awsCredentialExport\": \"aws configure export-credentials\"}");

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(status(run, "Claude Code")).isEqualTo("FAIL");
        assertThat(run.out()).contains("does not use bedrock-broker");
    }

    @Test
    void doctor_claudeSettingsInvalidJson_fails() throws Exception {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), "{\"env\": {,}}");

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(status(run, "Claude Code")).isEqualTo("FAIL");
        assertThat(run.out()).contains("Claude Code ignores it");
    }

    @Test
    void doctor_settingsPointAtAMissingLauncher_fails() throws Exception {
        setUpEverything();
        Files.delete(Path.of(world.launcher));

        TestWorld.Run run = world.run("doctor");

        assertThat(status(run, "Claude Code")).isEqualTo("FAIL");
        assertThat(run.out()).contains("runs " + world.launcher + ", which does not exist");
        assertThat(status(run, "AWS config")).isEqualTo("FAIL");
    }

    @Test
    void doctor_settingsPointAtAnotherInstall_warns() {
        setUpEverything();
        world.launcher = TestWorld.createLauncher(home.resolve("new/bin/bedrock-broker"));

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(status(run, "Claude Code")).isEqualTo("WARN");
        assertThat(run.out()).contains("runs another launcher");
    }

    @Test
    void doctor_claudeRegionMissing_fails() throws Exception {
        setUpEverything();
        Path settings = home.resolve(".claude/settings.json");
        Files.writeString(settings, Files.readString(settings).replace("\"AWS_REGION\": \"us-east-1\",", ""));

        TestWorld.Run run = world.run("doctor");

        assertThat(status(run, "Claude Code")).isEqualTo("FAIL");
        assertThat(run.out()).contains("AWS_REGION is not set");
    }

    @Test
    void doctor_processModeWithoutAwsProfile_fails() throws Exception {
        assertThat(world.run("setup", "claude", "--mode", "process").exitCode()).isZero();
        Files.delete(home.resolve(".aws/config"));

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(status(run, "AWS config")).isEqualTo("FAIL");
        assertThat(run.out()).contains("fix: bedrock-broker setup aws");
    }

    @Test
    void doctor_competingCredentials_warnsAboutEach() {
        setUpEverything();
        world.env.put("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-mine");

        TestWorld.Run run = world.run("doctor");

        assertThat(run.exitCode()).isZero();
        assertThat(status(run, "Other credentials")).isEqualTo("WARN");
        assertThat(run.out()).contains("AWS_BEARER_TOKEN_BEDROCK is set in your environment")
                .doesNotContain("bedrock-api-key-mine");
    }

    @Test
    void javaCheck_oldJava_failsWithTheFix() {
        var services = new Services(new Environment(Map.of("HOME", home.toString()), "Linux", "/nowhere"),
                world.clock, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                uri -> true, d -> { }, command -> 0);

        Doctor.Check java = new Doctor(services, ClientConfig.Flags.none(), 17).run().get(0);

        assertThat(java.status()).isEqualTo(Doctor.Status.FAIL);
        assertThat(java.detail()).contains("Java 17");
        assertThat(java.fix()).contains("Java 21");
    }
}
