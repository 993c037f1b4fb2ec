package broker.client.setup;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.store.IoMessages;
import broker.client.store.SecureFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A planned change of one configuration file: its text before ({@code null} when it does not exist) and after.
 * Applying it first copies the old file to {@code <name>.<UTC time>.bak} beside it, then replaces the file atomically
 * (owner-only permissions). A symbolic link (dotfiles kept in a repository) stays a link: its target is written.
 */
public record FileChange(Path path, Charset charset, String before, String after) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The file's current text, or null when it does not exist. */
    public static String read(Path path, Charset charset) throws IOException {
        try {
            return Files.readString(path, charset);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public boolean changed() {
        return !after.equals(before);
    }

    public String diff() {
        return LineDiff.unified(path.toString(), before, after);
    }

    /** Writes the change; the result is the backup's path, or null when there was no file to back up. */
    public Result<Path> apply(Clock clock) {
        try {
            Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path;
            Path backup = null;
            if (before != null) {
                String base = target.getFileName() + "." + STAMP.format(clock.instant());
                backup = target.resolveSibling(base + ".bak");
                for (int n = 2; Files.exists(backup); n++) {
                    backup = target.resolveSibling(base + "-" + n + ".bak");
                }
                SecureFiles.writeAtomically(backup, before.getBytes(charset));
            }
            SecureFiles.writeAtomically(target, after.getBytes(charset));
            return Result.ok(backup);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(path.toString(), IoMessages.describe(e)));
        }
    }
}
