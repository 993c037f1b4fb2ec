package broker.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeAtomically_createsOwnerOnlyFileInOwnerOnlyDirectories() throws Exception {
        Path file = dir.resolve("a/b/secret.json");

        SecureFiles.writeAtomically(file, "{}");

        assertThat(file).hasContent("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwx------");
        assertThat(dir.resolve("a/b")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void writeAtomically_replacingAnOpenFile_readersSeeOldOrNewContentNeverAMix() throws Exception {
        Path file = dir.resolve("cache.json");
        String a = "A".repeat(200_000);
        String b = "B".repeat(200_000);
        SecureFiles.writeAtomically(file, a);
        var stop = new AtomicBoolean();
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    String seen = Files.readString(file);
                    if (!seen.equals(a) && !seen.equals(b)) {
                        torn.add(seen.length() + " chars");
                    }
                } catch (Exception e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200; i++) {
            SecureFiles.writeAtomically(file, i % 2 == 0 ? b : a);
        }
        stop.set(true);
        reader.join();

        assertThat(torn).isEmpty();
    }
}
