package broker.client;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program a test runs for real (a consumer of our output, a shell). Missing, the test fails with one sentence naming
 * the package to install (./test.sh installs them all) instead of being skipped: a skipped consumer test proves nothing.
 */
public final class RequiredProgram {
    private RequiredProgram() {
    }

    /** {@code program}: an absolute path, or a name looked up on PATH; {@code debianPackage}: what installs it. */
    public static Path require(String program, String debianPackage) {
        Path found = find(program);
        if (found == null) {
            throw new AssertionError(program + " is not installed: run ./test.sh (as root or with passwordless sudo)"
                    + " or apt-get install -y " + debianPackage + ".");
        }
        return found;
    }

    private static Path find(String program) {
        Path path = Path.of(program);
        if (path.isAbsolute()) {
            return Files.isExecutable(path) ? path : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }
}
