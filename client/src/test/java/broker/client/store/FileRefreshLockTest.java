package broker.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.RefreshLock;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRefreshLockTest {
    @TempDir
    Path dir;

    @Test
    void acquire_whileHeldInThisProcess_timesOutThenSucceedsAfterRelease() {
        var lock = new FileRefreshLock(dir.resolve("p/refresh.lock"));
        Optional<RefreshLock.Held> first = lock.acquire(Duration.ofSeconds(1));
        assertThat(first).isPresent();

        assertThat(lock.acquire(Duration.ofMillis(200))).isEmpty();
        first.get().close();
        assertThat(lock.acquire(Duration.ofMillis(200))).isPresent();
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
            assertThat(lock.acquire(Duration.ofMillis(300))).isEmpty();

            holder.destroyForcibly().waitFor();
            long start = System.nanoTime();
            Optional<RefreshLock.Held> held = lock.acquire(Duration.ofSeconds(5));

            assertThat(held).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            holder.destroyForcibly();
        }
    }
}
