package broker.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.awsfiles.AwsCredentialsFile;
import broker.client.core.AwsCredentials;
import broker.client.core.Cached;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writing the credentials cache and {@code ~/.aws/credentials} on a full disk: the old file stays intact, no temporary
 * file is left behind, and the failure names the file and the cause. The disk is an in-memory file system (jimfs)
 * with a size limit: a real one cannot be filled safely on a shared machine, and root ignores permissions.
 */
class FullDiskTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final AwsCredentials NEW = new AwsCredentials("ASIANEW", "new-secret", "new-token", "2026-11-25T13:00:00Z", "us-east-1");

    FileSystem disk;
    Path home;

    @BeforeEach
    void mount() throws IOException {
        disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .setBlockSize(4096)
                .setMaxSize(64 * 4096)
                .build());
        home = Files.createDirectories(disk.getPath("/home/ana"));
    }

    @AfterEach
    void unmount() throws IOException {
        disk.close();
    }

    /** Takes every free block, so that the next write of any size fails. */
    void fillTheDisk() throws IOException {
        try (OutputStream filler = Files.newOutputStream(home.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) filler.write(block);
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("space");
        }
    }

    @Test
    void jsonCacheSlot_writeOnAFullDisk_keepsTheOldEntryAndSaysWhy() throws IOException {
        Path file = home.resolve(".bedrock-broker/profiles/default/credentials.json");
        var slot = new JsonCacheSlot<>(file, Codecs.CREDENTIALS);
        var old = new AwsCredentials("ASIAOLD", "old-secret", "old-token", "2026-11-25T12:30:00Z", "us-east-1");
        assertThat(slot.write(new Cached<>(old, NOW.minusSeconds(1800), NOW.plusSeconds(1800)))).isEqualTo(Result.ok(null));
        String before = Files.readString(file);
        fillTheDisk();

        Result<Void> result = slot.write(new Cached<>(NEW, NOW, NOW.plusSeconds(3600)));

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.LocalFile.class, local -> {
                    assertThat(local.path()).isEqualTo(file.toString());
                    assertThat(local.problem()).contains("space");
                }));
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(slot.read()).hasValueSatisfying(cached -> assertThat(cached.value().accessKeyId()).isEqualTo("ASIAOLD"));
        assertThat(temporaryFiles(file.getParent())).isZero();
    }

    @Test
    void awsCredentialsFile_writeOnAFullDisk_keepsEveryByteOfTheOldFileAndSaysWhy() throws IOException {
        Path file = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        String before = "[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n\n"
                + "[bedrock-broker]\naws_access_key_id = ASIAOLD\n";
        Files.writeString(file, before);
        fillTheDisk();

        Result<Void> result = new AwsCredentialsFile(file).write("bedrock-broker", "default", NEW, true);

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.LocalFile.class, local -> {
                    assertThat(local.path()).isEqualTo(file.toString());
                    assertThat(local.problem()).contains("space");
                }));
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(temporaryFiles(file.getParent())).isZero();
    }

    @Test
    void jsonCacheSlot_afterSpaceIsFreed_writesAgain() throws IOException {
        Path file = home.resolve("credentials.json");
        var slot = new JsonCacheSlot<>(file, Codecs.CREDENTIALS);
        fillTheDisk();
        assertThat(slot.write(new Cached<>(NEW, NOW, NOW.plusSeconds(3600)))).isInstanceOf(Result.Err.class);

        Files.delete(home.resolve("filler"));

        assertThat(slot.write(new Cached<>(NEW, NOW, NOW.plusSeconds(3600)))).isEqualTo(Result.ok(null));
        assertThat(slot.read()).hasValueSatisfying(cached -> assertThat(cached.value().accessKeyId()).isEqualTo("ASIANEW"));
    }

    static long temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
