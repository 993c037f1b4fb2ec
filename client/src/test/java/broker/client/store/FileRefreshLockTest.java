package broker.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.RefreshLock;
import broker.client.core.Result;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRefreshLockTest {
    @TempDir
    Path dir;

    @Test
    void acquire_whileHeldInThisProcess_timesOutThenSucceedsAfterRelease() {
        var lock = new FileRefreshLock(dir.resolve("p/refresh.lock"));
        Result<RefreshLock.Held> first = lock.acquire(Duration.ofSeconds(1));
        assertThat(first).isInstanceOf(Result.Ok.class);

        assertThat(lock.acquire(Duration.ofMillis(200))).isEqualTo(Result.err(new ClientFailure.Busy(Duration.ofMillis(200))));
        ((Result.Ok<RefreshLock.Held>) first).value().close();
        assertThat(lock.acquire(Duration.ofMillis(200))).isInstanceOf(Result.Ok.class);
    }

    @Test
    void acquire_whenTheLockFileCannotBeOpened_failsClosedNamingTheFile() throws Exception {
        Path file = Files.createDirectories(dir.resolve("p/refresh.lock"));

        assertThat(new FileRefreshLock(file).acquire(Duration.ofMillis(200))).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOfSatisfying(ClientFailure.LocalFile.class,
                        f -> assertThat(f.path()).isEqualTo(file.toString())));
    }

    @Test
    void prepare_createsAPrivateLockFile() throws Exception {
        Path file = dir.resolve("p/refresh.lock");

        assertThat(new FileRefreshLock(file).prepare()).isEqualTo(Result.ok(null));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void acquire_afterTheHoldingProcessIsKilled_succeedsWithinSeconds() throws Exception {
        Path file = dir.resolve("refresh.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), file.toString())).redirectError(new File("/dev/null")).start();
        try {
            var reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("locked");
            var lock = new FileRefreshLock(file);
            assertThat(lock.acquire(Duration.ofMillis(300))).isInstanceOf(Result.Err.class);

            holder.destroyForcibly().waitFor();
            long start = System.nanoTime();
            Result<RefreshLock.Held> held = lock.acquire(Duration.ofSeconds(5));

            assertThat(held).isInstanceOf(Result.Ok.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            holder.destroyForcibly();
        }
    }
}
