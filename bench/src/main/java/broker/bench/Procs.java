package broker.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a child process with exactly the given environment and times it from start to exit. */
public final class Procs {
    private Procs() {
    }

    /** {@code cpuMs}: user + system time of the command and its children, or NaN when not measured. */
    public record Run(int exitCode, String out, String err, double wallMs, double cpuMs) {
        public Run requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed with exit code " + exitCode + ": " + err.strip());
            }
            return this;
        }
    }

    public static Run run(List<String> command, Map<String, String> env, Path dir) {
        var builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            double wall = (System.nanoTime() - start) / 1e6;
            return new Run(process.exitValue(), out, err.join(), wall, Double.NaN);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #run}, with the CPU time (user + system) of the command measured by the shell's {@code times}: the
     * command runs under {@code sh -c}, which adds the same ~1 ms of wall time to every command measured this way.
     */
    public static Run runWithCpu(List<String> command, Map<String, String> env, Path dir) {
        List<String> wrapped = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "\"$@\"; s=$?; times >&2; exit $s", "sh"));
        wrapped.addAll(command);
        Run run = run(wrapped, env, dir);
        String[] lines = run.err().strip().split("\n");
        double cpu = Double.NaN;
        if (lines.length > 0) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s")
                    .matcher(lines[lines.length - 1]);
            if (m.find()) {
                cpu = (Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                        + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4))) * 1000;
            }
        }
        String err = lines.length > 2 ? String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 2)) : "";
        return new Run(run.exitCode(), run.out(), err, run.wallMs(), cpu);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The JDK running this harness: children use the same one. */
    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    public static String java() {
        return javaHome().resolve("bin").resolve("java").toString();
    }
}
