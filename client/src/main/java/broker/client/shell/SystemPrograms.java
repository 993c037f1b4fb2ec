package broker.client.shell;

import broker.client.config.Environment;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where the operating-system programs the client starts live, as absolute paths. Started by bare name, Windows looks in
 * the current directory first (CreateProcess searches the application's and the working directory before
 * {@code System32}), so a {@code rundll32.exe} or {@code setx.exe} in a cloned repository would run instead; on Unix a
 * relative {@code PATH} entry ({@code .}, or an empty one) does the same.
 */
public final class SystemPrograms {
    private static final String DEFAULT_SYSTEM_ROOT = "C:\\Windows";

    private SystemPrograms() {
    }

    /**
     * {@code %SystemRoot%\System32\<relative>}, e.g. {@code setx.exe}, {@code rundll32.exe} or
     * {@code WindowsPowerShell\v1.0\powershell.exe}. {@code SystemRoot} (else {@code windir}) is used only when it is
     * an absolute drive path; otherwise {@code C:\Windows}.
     */
    public static String windowsSystem32(Environment env, String relative) {
        String root = env.get("SystemRoot");
        if (!absoluteWindowsPath(root)) {
            root = env.get("windir");
        }
        if (!absoluteWindowsPath(root)) {
            root = DEFAULT_SYSTEM_ROOT;
        }
        while (root.endsWith("\\")) {
            root = root.substring(0, root.length() - 1);
        }
        return root + "\\System32\\" + relative;
    }

    /**
     * The program {@code name} in the first absolute directory of {@code PATH} that holds it, or null. Relative and
     * empty entries are skipped: they name the working directory. A {@code name} that is already absolute is returned
     * as it is when it exists.
     */
    public static String onPath(Environment env, String name) {
        try {
            Path given = Path.of(name);
            if (given.isAbsolute()) {
                return Files.isExecutable(given) ? given.toString() : null;
            }
            if (given.getNameCount() != 1) {
                return null;
            }
        } catch (InvalidPathException e) {
            return null;
        }
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            try {
                Path dir = Path.of(entry);
                if (entry.isEmpty() || !dir.isAbsolute()) {
                    continue;
                }
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            } catch (InvalidPathException e) {
                // not a directory name: skip it
            }
        }
        return null;
    }

    private static boolean absoluteWindowsPath(String path) {
        return path != null && path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                && path.charAt(2) == '\\' && path.indexOf('"') < 0 && path.indexOf(';') < 0;
    }
}
