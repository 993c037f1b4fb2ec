package broker.client.store;

import broker.client.core.RefreshLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The profile's refresh lock: an OS file lock ({@code fcntl} on Unix, {@code LockFileEx} on Windows) on
 * {@code refresh.lock}. The OS drops it when the holding process dies, so a killed process never blocks the next one.
 * The file itself is never deleted: deleting a lock file lets two processes lock two different files.
 */
public final class FileRefreshLock implements RefreshLock {
    private final Path file;

    public FileRefreshLock(Path file) {
        this.file = file;
    }

    @Override
    public Optional<Held> acquire(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel;
        try {
            SecureFiles.ensurePrivateDirectory(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // Without a lock file we cannot coordinate; refreshing anyway beats failing (writes stay atomic).
            return Optional.of(() -> { });
        }
        long pause = 10;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(() -> {
                        try {
                            lock.release();
                        } catch (IOException ignored) {
                            // closing the channel releases it as well
                        } finally {
                            close(channel);
                        }
                    });
                }
            } catch (OverlappingFileLockException e) {
                // Another thread of this JVM holds it: same as another process.
            } catch (IOException e) {
                close(channel);
                return Optional.of(() -> { });
            }
            if (System.nanoTime() >= deadline) {
                close(channel);
                return Optional.empty();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close(channel);
                return Optional.empty();
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
