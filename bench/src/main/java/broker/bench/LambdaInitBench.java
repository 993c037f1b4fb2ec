package broker.bench;

import broker.bench.lambda.InitLauncher;
import broker.bench.lambda.LambdaFixtures;
import broker.bench.lambda.StsStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lambda init without SnapStart: a fresh JVM per run on the shaded Lambda jar (plus a jar holding only
 * {@link InitLauncher} and its fixtures), the deployed {@code JAVA_TOOL_OPTIONS} (C1 only), STS stubbed on loopback in
 * this process. Measures process start → first successful {@code POST /v1/credentials} answer.
 */
public final class LambdaInitBench {
    private static final Pattern DETAIL = Pattern.compile("BENCH status=(\\d+) secondStatus=(\\d+) initMs=([\\d.]+)"
            + " primeMs=([\\d.]+) firstMs=([\\d.]+) secondMs=([\\d.]+)");

    /** Per run: wall time to the first answer, and the child's own timers. */
    public record Result(List<Double> wallToFirstMs, List<Double> cpuToFirstMs, List<Double> constructMs, List<Double> primeMs,
                         List<Double> firstRequestMs, List<Double> secondRequestMs) {
    }

    private final Path lambdaJar;
    private final Path work;
    /** Written once: an archive records the class path's jars by size and time. */
    private Path launcher;

    public LambdaInitBench(Path lambdaJar, Path work) {
        this.lambdaJar = lambdaJar;
        this.work = work;
    }

    /** @param mode {@code init} or {@code primed} (see {@link InitLauncher}) */
    public Result run(String mode, int runs) throws IOException {
        return run(mode, runs, List.of());
    }

    /**
     * What an application class-data archive would give a function without SnapStart: one training run writes it
     * ({@code -XX:ArchiveClassesAtExit}), then every run maps it. (In Lambda the archive would have to be built by
     * the runtime's exact JDK build and shipped in the package.)
     */
    public Result runWithArchive(int runs) throws IOException {
        Path archive = work.resolve("lambda-app.jsa");
        Files.deleteIfExists(archive);
        run("init", 1, List.of("-XX:ArchiveClassesAtExit=" + archive));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no archive was written");
        }
        return run("init", runs, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }

    private Result run(String mode, int runs, List<String> jvmArgs) throws IOException {
        Files.createDirectories(work);
        Path launcherJar = launcher();
        Path entitlements = LambdaFixtures.writeEntitlements(work);
        var result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (StsStub sts = StsStub.start()) {
            Map<String, String> env = new HashMap<>(LambdaFixtures.environment(entitlements, sts.endpoint()));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("LANG", "C.UTF-8");
            List<String> command = new ArrayList<>(List.of(Procs.java(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xshare:auto"));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", lambdaJar + ":" + launcherJar, InitLauncher.class.getName(), mode));
            for (int i = 0; i < runs; i++) {
                once(command, env, result);
            }
        }
        return result;
    }

    /** Classes loaded by one run, before the first request and during it, by library. */
    public record ClassProfile(Map<String, Integer> beforeFirstRequest, Map<String, Integer> duringFirstRequest) {
        public int before() {
            return beforeFirstRequest.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int during() {
            return duringFirstRequest.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Classes the first request loads that are not on the real network path. */
        public int duringOffTheNetworkPath() {
            return during() - duringFirstRequest.getOrDefault(NETWORK_PATH, 0);
        }
    }

    /** One run with {@code -Xlog:class+load}: which classes load before and during the first request. */
    public ClassProfile profile(String mode) throws IOException {
        Files.createDirectories(work);
        Path launcherJar = launcher();
        Path entitlements = LambdaFixtures.writeEntitlements(work);
        Path log = work.resolve("class-load-" + mode + ".log");
        Files.deleteIfExists(log);
        try (StsStub sts = StsStub.start()) {
            Map<String, String> env = new HashMap<>(LambdaFixtures.environment(entitlements, sts.endpoint()));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            once(List.of(Procs.java(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", lambdaJar + ":" + launcherJar,
                    InitLauncher.class.getName(), mode), env,
                    new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        Map<String, Integer> before = new java.util.TreeMap<>();
        Map<String, Integer> during = new java.util.TreeMap<>();
        Map<String, Integer> current = before;
        Pattern line = Pattern.compile("\\] (\\S+) source: ");
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            if (name.endsWith("$FirstRequestStart")) {
                current = during;
                continue;
            }
            if (name.endsWith("$FirstRequestEnd")) {
                break;
            }
            current.merge(family(name), 1, Integer::sum);
        }
        return new ClassProfile(before, during);
    }

    /** The family of classes only the real network call loads. */
    public static final String NETWORK_PATH = "network path";

    static String family(String name) {
        String[][] families = {
                // What only a real HTTP exchange runs (the in-process client of SnapStart priming cannot): the
                // URLConnection client, the JDK's HTTP, the request URI it builds, its status-code check, and the
                // superclass of the socket timeout it catches.
                {"software.amazon.awssdk.http.urlconnection.", NETWORK_PATH}, {"sun.net.", NETWORK_PATH},
                {"java.net.", NETWORK_PATH}, {"java.io.InterruptedIOException", NETWORK_PATH}, {"software.amazon.awssdk.utils.uri.", NETWORK_PATH},
                {"software.amazon.awssdk.http.HttpStatusFamily", NETWORK_PATH},
                {"software.amazon.awssdk.services.sts.", "AWS SDK: STS model"},
                {"software.amazon.awssdk.", "AWS SDK: core, auth, HTTP, regions"},
                {"software.amazon.lambda.powertools.", "Powertools"},
                {"software.amazon.cloudwatchlogs.", "EMF metrics"},
                {"org.apache.logging.", "Log4j"},
                {"com.fasterxml.jackson.", "Jackson"},
                {"broker.", "broker"},
                {"com.amazonaws.", "Lambda events/core"},
                {"java.", "JDK"}, {"jdk.", "JDK"}, {"sun.", "JDK"}, {"javax.", "JDK"}, {"com.sun.", "JDK"}};
        for (String[] f : families) {
            if (name.startsWith(f[0])) {
                return f[1];
            }
        }
        return "other";
    }

    private void once(List<String> command, Map<String, String> env, Result result) throws IOException {
        var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        double wall = Double.NaN;
        double cpu = Double.NaN;
        String detail = null;
        StringBuilder err = new StringBuilder();
        try (var in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("BENCH-FIRST ")) {
                    wall = (System.nanoTime() - start) / 1e6;
                    if (!line.startsWith("BENCH-FIRST status=200 cpuMs=")) {
                        throw new IllegalStateException("the first request failed: " + line + "\n" + err);
                    }
                    cpu = Double.parseDouble(line.substring("BENCH-FIRST status=200 cpuMs=".length()));
                } else if (line.startsWith("BENCH ")) {
                    detail = line;
                } else if (err.length() < 20_000) {
                    err.append(line).append('\n');
                }
            }
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Matcher m = detail == null ? null : DETAIL.matcher(detail);
        if (m == null || !m.find() || Double.isNaN(wall)) {
            throw new IllegalStateException("the Lambda init run failed (exit " + process.exitValue() + "):\n" + err);
        }
        result.wallToFirstMs().add(wall);
        result.cpuToFirstMs().add(cpu);
        result.constructMs().add(Double.parseDouble(m.group(3)));
        result.primeMs().add(Double.parseDouble(m.group(4)));
        result.firstRequestMs().add(Double.parseDouble(m.group(5)));
        result.secondRequestMs().add(Double.parseDouble(m.group(6)));
    }

    private Path launcher() throws IOException {
        if (launcher == null) {
            launcher = launcherJar(work);
        }
        return launcher;
    }

    /** The launcher classes alone, so that the child's class path is the Lambda jar plus nothing of the harness. */
    public static Path launcherJar(Path dir) throws IOException {
        Path jar = dir.resolve("init-launcher.jar");
        Path classes = Path.of(InitLauncher.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path pkg = classes.resolve("broker/bench/lambda");
        try (OutputStream out = Files.newOutputStream(jar); var zip = new JarOutputStream(out);
             Stream<Path> files = Files.list(pkg)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                zip.putNextEntry(new JarEntry("broker/bench/lambda/" + file.getFileName()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
