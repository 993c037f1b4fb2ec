package broker.client.store;

import broker.client.core.ClientFailure;
import broker.client.core.RefreshLock;
import broker.client.core.Result;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The profile's refresh lock: an OS file lock ({@code fcntl} on Unix, {@code LockFileEx} on Windows) on
 * {@code refresh.lock}. The OS drops it when the holding process dies, so a killed process never blocks the next one.
 * The file itself is never deleted: deleting a lock file lets two processes lock two different files. An I/O error
 * fails closed ({@link ClientFailure.LocalFile}): refreshing without the lock would let concurrent processes each call
 * the broker and race their writes.
 */
public final class FileRefreshLock implements RefreshLock {
    private final Path file;

    public FileRefreshLock(Path file) {
        this.file = file;
    }

    /**
     * Creates the lock file (0600) if it is missing, so the lock keeps working in a profile directory that later
     * becomes read-only; {@code configure} calls it.
     */
    public Result<Void> prepare() {
        try {
            if (!Files.exists(file)) {
                SecureFiles.writeAtomically(file, new byte[0]);
            }
            return Result.ok(null);
        } catch (IOException e) {
            return Result.err(failure(e));
        }
    }

    @Override
    public Result<Held> acquire(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel;
        try {
            SecureFiles.ensurePrivateDirectory(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return Result.err(failure(e));
        }
        long pause = 10;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Result.ok(() -> {
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
                return Result.err(failure(e));
            }
            if (System.nanoTime() >= deadline) {
                close(channel);
                return Result.err(new ClientFailure.Busy(wait));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close(channel);
                return Result.err(new ClientFailure.Busy(wait));
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private ClientFailure failure(IOException e) {
        return new ClientFailure.LocalFile(file.toString(), "cannot lock it for the refresh (" + IoMessages.describe(e)
                + "); nothing was refreshed");
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
