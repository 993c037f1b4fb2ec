package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/** The client as real processes started through the shipped launcher, consumed by real AWS tools. */
class ProcessTest {
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final int CONCURRENT_PROCESSES = 50;

    @TempDir
    Path home;

    @TempDir
    Path dist;

    TestWorld world;
    Path launcher;

    @BeforeEach
    void start() throws IOException {
        world = new TestWorld(home);
        world.configureAndLogin();
        launcher = TestDistribution.create(dist);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Process start(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));
        return builder.start();
    }

    private static String read(Process process, boolean stdout) throws IOException {
        return new String((stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private void cacheExpiredCredentials() throws IOException {
        long past = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        Files.writeString(world.profileDir().resolve("credentials.json"), "{\"format\":1,\"obtainedAt\":" + past
                + ",\"expiresAt\":" + (past + 3600) + ",\"accessKeyId\":\"ASIAOLD\",\"secretAccessKey\":\"s\","
                + "\"sessionToken\":\"t\",\"expiration\":\"" + Instant.ofEpochSecond(past + 3600) + "\"}");
    }

    @Test
    void credentialProcess_fiftyConcurrentProcessesWithExpiredCache_makeOneBrokerCallAndGiveFiftyIdenticalAnswers()
            throws Exception {
        cacheExpiredCredentials();
        Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        world.broker.stubFor(post("/v1/credentials").withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withFixedDelay(1500).withHeader("Content-Type", "application/json")
                        .withBody("{\"accessKeyId\":\"ASIACONCURRENT\",\"secretAccessKey\":\"s/+\",\"sessionToken\":\"t\","
                                + "\"expiration\":\"" + expiration + "\"}")));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_PROCESSES; i++) {
            processes.add(start(List.of(launcher.toString(), "credential-process")));
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : processes) {
            String out = read(process, true);
            String err = read(process, false);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isZero();
            outputs.add(out);
        }

        assertThat(world.credentialCalls()).isEqualTo(1);
        System.out.printf("CONCURRENCY %d credential-process runs, %d broker call(s)%n", outputs.size(), world.credentialCalls());
        assertThat(outputs).hasSize(CONCURRENT_PROCESSES).containsOnly(outputs.getFirst());
        assertThat(Json.parseObject(outputs.getFirst().strip())).containsEntry("Version", 1L)
                .containsEntry("AccessKeyId", "ASIACONCURRENT").containsEntry("SecretAccessKey", "s/+")
                .containsEntry("SessionToken", "t").containsEntry("Expiration", expiration.toString());
        Map<String, Object> cache = Json.parseObject(Files.readString(world.profileDir().resolve("credentials.json")));
        assertThat(cache).containsEntry("accessKeyId", "ASIACONCURRENT").containsEntry("expiresAt", expiration.getEpochSecond());
        assertThat(world.profileDir()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void credentialProcess_afterAProcessIsKilledWhileRefreshing_theNextOneIsNotBlocked() throws Exception {
        cacheExpiredCredentials();
        world.broker.stubFor(post("/v1/credentials").atPriority(5).willReturn(aResponse().withFixedDelay(5_000)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        Process killed = start(List.of(launcher.toString(), "credential-process"));
        try {
            awaitLockHeldByAnotherProcess(world.profileDir().resolve("refresh.lock"), Duration.ofSeconds(90));
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, the lock is never released by the process
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            killed.destroyForcibly();
        }
        world.broker.stubFor(post("/v1/credentials").atPriority(1).withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"accessKeyId\":\"ASIAAFTERKILL\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\""
                                + Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}")));

        long started = System.nanoTime();
        Process next = start(List.of(launcher.toString(), "credential-process"));
        String out = read(next, true);
        String err = read(next, false);
        assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(next.exitValue()).as(err).isZero();
        assertThat(Json.parseObject(out.strip())).containsEntry("AccessKeyId", "ASIAAFTERKILL");
        // A JVM start plus one broker call; waiting for the dead process's lock would take the 60 s lock wait.
        assertThat(elapsed).as("the next credential-process after a SIGKILL").isLessThan(Duration.ofSeconds(15));
        assertThat(Json.parseObject(Files.readString(world.profileDir().resolve("credentials.json"))))
                .containsEntry("accessKeyId", "ASIAAFTERKILL");
        assertThat(world.profileDir()).isDirectoryNotContaining("glob:**.tmp");
        System.out.printf("KILL next credential-process after a SIGKILL mid-refresh answered in %d ms%n", elapsed.toMillis());
    }

    /** Waits until another process holds the OS lock on {@code file} (trying it briefly, and letting go at once). */
    private static void awaitLockHeldByAnotherProcess(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock == null) return;
                    lock.release();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no process took " + file + " within " + timeout);
    }

    @Test
    void credentialProcess_consumedByAwsCliV2_exportsTheSameCredentials() throws Exception {
        RequiredProgram.require(AWS_CLI.toString(), "awscli");
        Path config = Files.createDirectories(home.resolve(".aws")).resolve("config");
        Files.writeString(config, "[profile broker]\ncredential_process = " + launcher + " credential-process\n"
                + "region = us-east-1\n");

        Process aws = start(List.of(AWS_CLI.toString(), "configure", "export-credentials", "--profile", "broker",
                "--format", "process"));
        String out = read(aws, true);
        String err = read(aws, false);

        assertThat(aws.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aws.exitValue()).as(err).isZero();
        Map<String, Object> exported = Json.parseObject(out);
        assertThat(exported).containsEntry("Version", 1L)
                .containsEntry("AccessKeyId", "ASIA" + world.clock.instant().getEpochSecond())
                .containsEntry("SessionToken", "session-" + world.clock.instant().getEpochSecond());
        assertThat(world.credentialCalls()).isEqualTo(1);
    }

    @Test
    void credentialProcess_consumedByJavaSdkProcessCredentialsProvider_resolvesSessionCredentials() throws Exception {
        // The SDK starts the command with this JVM's environment: a wrapper pins the test's home.
        Path wrapper = dist.resolve("with-test-home.sh");
        StringBuilder script = new StringBuilder("#!/bin/sh\nunset BEDROCK_BROKER_HOME\n");
        TestDistribution.environment(home).forEach((k, v) -> script.append("export ").append(k).append("='")
                .append(v).append("'\n"));
        script.append("exec \"$@\"\n");
        Files.writeString(wrapper, script.toString());

        try (var provider = ProcessCredentialsProvider.builder()
                .command(List.of("/bin/sh", wrapper.toString(), launcher.toString(), "credential-process")).build()) {
            var credentials = provider.resolveCredentials();

            assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class, session -> {
                assertThat(session.accessKeyId()).isEqualTo("ASIA" + world.clock.instant().getEpochSecond());
                assertThat(session.sessionToken()).isEqualTo("session-" + world.clock.instant().getEpochSecond());
                assertThat(session.expirationTime()).contains(world.clock.instant().plus(Duration.ofHours(1)));
            });
        }
    }

    @Test
    void credentialProcess_cacheHitThroughTheLauncher_printsNothingButTheJson() throws Exception {
        world.run("credential-process");

        Process process = start(List.of(launcher.toString(), "credential-process"));
        String out = read(process, true);
        String err = read(process, false);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(err).isEmpty();
        assertThat(out).startsWith("{\"Version\":1,").endsWith("}\n").hasLineCount(1);
        assertThat(world.credentialCalls()).isEqualTo(1);
    }

    @Test
    void setupAws_throughTheLauncher_writesItsPathAndTheAwsCliUsesTheProfile() throws Exception {
        RequiredProgram.require(AWS_CLI.toString(), "awscli");
        Process setup = start(List.of(launcher.toString(), "setup", "aws"));
        String setupErr = read(setup, false);
        assertThat(setup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(setup.exitValue()).as(setupErr).isZero();
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo("[profile bedrock]\ncredential_process = "
                + launcher + " credential-process --profile default\nregion = us-east-1\n");

        Process aws = start(List.of(AWS_CLI.toString(), "configure", "export-credentials", "--profile", "bedrock",
                "--format", "process"));
        String out = read(aws, true);
        String err = read(aws, false);

        assertThat(aws.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aws.exitValue()).as(err).isZero();
        assertThat(Json.parseObject(out)).containsEntry("AccessKeyId", "ASIA" + world.clock.instant().getEpochSecond());
    }

    @Test
    void setupClaude_throughASymlinkedLauncher_writesTheLinkAndItsExportHookRunsInAShell() throws Exception {
        Path link = Files.createDirectories(home.resolve("bin")).resolve("bedrock-broker");
        Files.createSymbolicLink(link, launcher);
        Process setup = start(List.of(link.toString(), "setup", "claude"));
        String setupErr = read(setup, false);
        assertThat(setup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(setup.exitValue()).as(setupErr).isZero();
        Map<String, Object> settings = Json.parseObject(Files.readString(home.resolve(".claude/settings.json")));
        String hook = (String) settings.get("awsCredentialExport");
        assertThat(hook).isEqualTo(link + " export --profile default");

        // As Claude Code runs it: through a shell.
        Process export = start(List.of("/bin/sh", "-c", hook));
        String out = read(export, true);

        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(export.exitValue()).isZero();
        assertThat(Json.parseObject(out)).containsKey("Credentials");
    }
}
