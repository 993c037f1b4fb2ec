package broker.client.setup;

import broker.client.config.Environment;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.shell.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The absolute path of the {@code bedrock-broker} launcher, as written into the commands that Claude Code and the AWS
 * tools run. Those run the command line through a shell ({@code sh -c} on Linux and macOS, {@code cmd /c} on
 * Windows; botocore splits it like a POSIX shell), so a path with spaces or shell characters is quoted for it.
 */
public record Launcher(String path, boolean windows) {
    /** The launcher to write: {@code --launcher}, else the one that started this JVM. */
    public static Result<Launcher> resolve(String flag, Environment env) {
        String given = flag != null ? flag : env.launcher();
        if (given == null) {
            return Result.err(new ClientFailure.InvalidSetting("launcher", "cannot tell where the bedrock-broker launcher"
                    + " is (run this through bin/bedrock-broker, or give --launcher with its absolute path)"));
        }
        if (given.startsWith("~") || !isAbsolute(given, env.isWindows())) {
            return Result.err(new ClientFailure.InvalidSetting("launcher", "'" + given + "' is not an absolute path"));
        }
        // Checked where this JVM can tell (a Windows path is not absolute on a Unix file system, as in tests).
        if (Path.of(given).isAbsolute() && !Files.isRegularFile(Path.of(given))) {
            return Result.err(new ClientFailure.InvalidSetting("launcher", given + " does not exist"));
        }
        return Result.ok(new Launcher(given, env.isWindows()));
    }

    private static boolean isAbsolute(String path, boolean windows) {
        if (windows) {
            // C:\..., C:/..., or \\server\share\...
            return path.length() > 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                    && (path.charAt(2) == '\\' || path.charAt(2) == '/') || path.startsWith("\\\\");
        }
        return path.startsWith("/");
    }

    /** The command line that runs the launcher with {@code args} (simple words: subcommands, flags, profile names). */
    public String command(String... args) {
        var out = new StringBuilder(quotedPath());
        for (String arg : args) {
            out.append(' ').append(arg);
        }
        return out.toString();
    }

    /** The arguments of a command line {@link #command} made, or null when it does not start with this launcher. */
    public List<String> argumentsOf(String commandLine) {
        String prefix = quotedPath() + " ";
        if (commandLine == null || !commandLine.startsWith(prefix)) {
            return null;
        }
        return List.of(commandLine.substring(prefix.length()).trim().split("\\s+"));
    }

    private String quotedPath() {
        if (windows) {
            return path.chars().anyMatch(c -> " &()[]{}^=;!'+,`~%".indexOf(c) >= 0) ? "\"" + path + "\"" : path;
        }
        return Shell.BASH.quoteIfNeeded(path);
    }
}
