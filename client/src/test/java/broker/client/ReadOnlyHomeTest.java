package broker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import broker.client.console.FailureReport;
import broker.client.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home the client cannot write to (a read-only or immutable directory): writing {@code ~/.aws/credentials} or the
 * credentials cache fails with one clear sentence naming the file, and the old file stays exactly as it was.
 * See {@link ReadOnlyDirectory} for how this works when the tests run as root.
 */
class ReadOnlyHomeTest {
    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.configureAndLogin();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    static ReadOnlyDirectory readOnly(Path dir) throws IOException {
        Optional<ReadOnlyDirectory> readOnly = ReadOnlyDirectory.of(dir);
        assumeTrue(readOnly.isPresent(), "cannot make a directory read-only here (no permissions, no chattr)");
        return readOnly.get();
    }

    @Test
    void refresh_whenTheAwsDirectoryIsReadOnly_keepsTheOldFileAndSaysWhichFileAndWhy() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path credentials = aws.resolve("credentials");
        String before = "[default]\naws_access_key_id = AKIAOTHER\n\n[bedrock-broker]\naws_access_key_id = ASIAOLD\n";
        Files.writeString(credentials, before);

        ReadOnlyDirectory readOnly = readOnly(aws);
        TestWorld.Run run;
        try {
            run = world.run("refresh");
        } finally {
            readOnly.close();
        }

        assertThat(run.exitCode()).isEqualTo(FailureReport.LOCAL_FILE);
        assertThat(run.err()).startsWith("bedrock-broker: cannot use " + credentials + ": ")
                .containsAnyOf("permission denied", "Operation not permitted").hasLineCount(1);
        assertThat(Files.readString(credentials)).isEqualTo(before);
        assertThat(temporaryFiles(aws)).isZero();
    }

    @Test
    void credentialProcess_whenTheCacheDirectoryIsReadOnly_printsNewCredentialsKeepsTheOldCacheAndWarns() throws Exception {
        long past = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        Path cache = world.profileDir().resolve("credentials.json");
        String before = "{\"format\":1,\"obtainedAt\":" + past + ",\"expiresAt\":" + (past + 3600)
                + ",\"accessKeyId\":\"ASIAOLD\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\""
                + Instant.ofEpochSecond(past + 3600) + "\"}";
        Files.writeString(cache, before);

        ReadOnlyDirectory readOnly = readOnly(world.profileDir());
        TestWorld.Run run;
        try {
            run = world.run("credential-process");
        } finally {
            readOnly.close();
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parseObject(run.out().strip()))
                .containsEntry("AccessKeyId", "ASIA" + world.clock.instant().getEpochSecond());
        assertThat(run.err()).contains("warning: could not refresh credentials cache", "cannot use " + cache + ": ")
                .containsAnyOf("permission denied", "Operation not permitted");
        assertThat(Files.readString(cache)).isEqualTo(before);
        assertThat(temporaryFiles(world.profileDir())).isZero();
    }

    static long temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
