package broker.client.shell;

import java.io.IOException;
import java.util.List;

/** Runs an operating-system command; the seam that lets tests check what {@code env --persist} would run on Windows. */
@FunctionalInterface
public interface SystemCommands {
    /** Runs {@code command} (no shell in between), discarding its output, and returns its exit code. */
    int run(List<String> command) throws IOException, InterruptedException;

    /** The real one: {@link ProcessBuilder}, output discarded (setx prints "SUCCESS" on stdout, not ours to show). */
    SystemCommands PROCESSES = command -> {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    };
}
