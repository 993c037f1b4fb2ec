package broker.lambda.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The local broker's state on disk ({@code --state-dir DIR}, file {@code broker-state.mv.db}): the same state the
 * broker keeps in DynamoDB in AWS (revocations, people, sessions; the usage ledger adds its own maps here).
 *
 * <p>Why H2's MVStore: a log-structured key-value store in pure Java (no native library to ship per platform, unlike
 * SQLite's JDBC driver), one file, copy-on-write maps with atomic, crash-safe commits, and an in-memory write path:
 * usage ingestion writes a batch of counters and commits once per batch, far above its 5,000 records/s target
 * (docs/state.md has the figures). A SQL layer would add parsing and locking to every counter update for nothing: the
 * broker's access pattern is by key, like DynamoDB's. The file is locked while open, so two brokers cannot share a
 * directory and lose each other's writes.
 *
 * <p>Nothing is lost on a restart: every write of the broker is followed by {@link #commit()}, which returns once the
 * change is in the file (the operating system's cache; a power loss may lose the last commits, a crash of the broker
 * does not). Without a directory the store lives in memory only (tests, throwaway brokers).
 */
public final class EmbeddedStateStore implements AutoCloseable {
    static final String FILE_NAME = "broker-state.mv.db";

    private final MVStore store;

    private EmbeddedStateStore(MVStore store) {
        this.store = store;
    }

    /** Opens (or creates) the store in {@code directory}, creating the directory 0700 where POSIX allows. */
    public static EmbeddedStateStore open(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                restrict(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + directory, e);
        }
        Path file = directory.resolve(FILE_NAME);
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .open();
        return new EmbeddedStateStore(store);
    }

    /** A store in memory only: lost when closed. */
    public static EmbeddedStateStore inMemory() {
        return new EmbeddedStateStore(new MVStore.Builder().open());
    }

    /** The named map (created empty on first use); keys and values are strings. */
    public MVMap<String, String> map(String name) {
        return store.openMap(name);
    }

    /** Makes every change so far durable in the file (a no-op in memory). */
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }

    private static void restrict(Path directory) throws IOException {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
        Files.setPosixFilePermissions(directory, owner);
    }
}
