package broker.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory refuse new files and renames, for as long as it is open. Permissions (0500) are enough for a
 * normal user; root ignores them, so as root the directory is made immutable with {@code chattr +i}, which the kernel
 * enforces for root as well (ext4, xfs, btrfs). Empty when neither works here (then the caller skips).
 */
final class ReadOnlyDirectory implements AutoCloseable {
    private final Path dir;
    private final boolean immutable;

    private ReadOnlyDirectory(Path dir, boolean immutable) {
        this.dir = dir;
        this.immutable = immutable;
    }

    static Optional<ReadOnlyDirectory> of(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        if (refusesWrites(dir)) return Optional.of(new ReadOnlyDirectory(dir, false));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (chattr("+i", dir) && refusesWrites(dir)) return Optional.of(new ReadOnlyDirectory(dir, true));
        chattr("-i", dir);
        return Optional.empty();
    }

    private static boolean refusesWrites(Path dir) {
        Path probe = dir.resolve(".write-probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean chattr(String flag, Path dir) {
        try {
            Process chattr = new ProcessBuilder(List.of("chattr", flag, dir.toString())).redirectErrorStream(true).start();
            chattr.getInputStream().readAllBytes();
            return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        } catch (IOException e) {
            return false; // no chattr on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (immutable) chattr("-i", dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
