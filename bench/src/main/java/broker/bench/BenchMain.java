package broker.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark (issues 7 and 14) and prints one table (also written to {@code bench/target/bench-report.md}).
 * Started by {@code bench/run.sh}, which builds the jars and the client distribution first.
 *
 * <p>Options: {@code --runs N} process runs per client measurement (default 20), {@code --init-runs N} fresh JVMs per
 * Lambda measurement (default 10), {@code --quick} (fewer runs, short JMH), {@code --only a,b} with sections
 * {@code package,init,priming,jmh,client}.
 */
public final class BenchMain {
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Path root;

    private BenchMain(Path root) {
        this.root = root;
    }

    /** A section of the report: run when {@code --only} names it (every section by default), in this order. */
    private record Section(String name, Step step) {}

    @FunctionalInterface
    private interface Step {
        void run(BenchMain bench, int runs, int initRuns, boolean quick) throws Exception;
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("package", (bench, runs, initRuns, quick) -> bench.packageSize()),
            new Section("init", (bench, runs, initRuns, quick) -> bench.lambdaInit(initRuns)),
            new Section("priming", (bench, runs, initRuns, quick) -> bench.priming(initRuns)),
            new Section("jmh", (bench, runs, initRuns, quick) -> bench.jmh(quick)),
            new Section("client", (bench, runs, initRuns, quick) -> bench.client(runs)),
            new Section("usage", (bench, runs, initRuns, quick) -> bench.usage(quick)),
            new Section("budget", (bench, runs, initRuns, quick) -> bench.budget(quick)));

    public static void main(String[] args) throws Exception {
        int runs = 20;
        int initRuns = 10;
        boolean quick = false;
        Set<String> only = Set.copyOf(SECTIONS.stream().map(Section::name).toList());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--init-runs" -> initRuns = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (quick) {
            runs = Math.min(runs, 8);
            initRuns = Math.min(initRuns, 4);
        }
        // The table goes to the real stdout; the in-process broker's metric lines (EMF, stdout) are dropped.
        PrintStream results = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream(), true));
        var bench = new BenchMain(Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize());
        String before = loadAverage();
        Instant start = Instant.now();
        for (Section section : SECTIONS) {
            if (only.contains(section.name())) section.step().run(bench, runs, initRuns, quick);
        }
        String after = loadAverage();
        bench.print(results, before, after, Duration.between(start, Instant.now()));
        System.exit(0); // the identity provider's and the local broker's threads would keep the JVM alive
    }

    private void row(String metric, String value, String target, Boolean met) {
        rows.add(new String[] {metric, value, target, met == null ? "" : met ? "met" : "NOT met"});
    }

    private void packageSize() throws IOException {
        for (LambdaJar jar : LambdaJar.ALL) {
            PackageReport.Report report = PackageReport.of(jar.in(root.resolve("lambda/target")), jar.forbidden());
            double mb = report.bytes() / 1024.0 / 1024.0;
            for (String function : jar.functions()) {
                row("Lambda package, " + function + " function (" + jar.fileName() + ")",
                        String.format(Locale.ROOT, "%.1f MB", mb), "≤ 20 MB", report.bytes() <= PackageReport.TARGET_BYTES);
            }
            row("Lambda package " + jar.fileName() + ": forbidden classes (netty, apache http, test, CDK, local server,"
                            + " joda, unused SDK models, ...)",
                    report.forbidden().isEmpty() ? "none" : report.forbidden().size() + " found: " + report.forbidden().get(0),
                    "none", report.forbidden().isEmpty());
            StringBuilder top = new StringBuilder("Largest parts of " + jar.fileName() + " (compressed): ");
            report.compressedByLibrary().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8).forEach(e -> top.append(e.getKey()).append(' ').append(e.getValue() / 1024).append(" KB, "));
            notes.add(top.substring(0, top.length() - 2) + ".");
        }
    }

    private void lambdaInit(int runs) throws IOException {
        var bench = new LambdaInitBench(LambdaJar.CREDENTIALS.in(root.resolve("lambda/target")), root.resolve("bench/target/lambda-init"));
        LambdaInitBench.Result r = bench.run("init", runs);
        double median = Stats.median(r.wallToFirstMs());
        row("Lambda init: JVM start → first POST /v1/credentials answered (no SnapStart, C1)",
                Stats.summary(r.wallToFirstMs()), "median ≤ 1500 ms", median <= 1500);
        row("Lambda init: CPU time (all threads) until that answer", Stats.summary(r.cpuToFirstMs()), "", null);
        notes.add("Lambda init breakdown (medians): handler construction " + Stats.ms(Stats.median(r.constructMs()))
                + ", first request " + Stats.ms(Stats.median(r.firstRequestMs())) + ", second request "
                + Stats.ms(Stats.median(r.secondRequestMs())) + "; the rest of the wall time is JVM start and class loading"
                + " before the handler's constructor.");
        LambdaInitBench.Result archived = bench.runWithArchive(runs);
        row("Lambda init with an application class-data archive (what it would take; not deployed)",
                Stats.summary(archived.wallToFirstMs()), "median ≤ 1500 ms", Stats.median(archived.wallToFirstMs()) <= 1500);
        LambdaInitBench.ClassProfile profile = bench.profile("init");
        notes.add("Lambda init class loading (no SnapStart): " + profile.before() + " classes before the first request "
                + profile.beforeFirstRequest() + ", " + profile.during() + " during it " + profile.duringFirstRequest() + ".");
    }

    private void priming(int runs) throws IOException {
        var bench = new LambdaInitBench(LambdaJar.CREDENTIALS.in(root.resolve("lambda/target")), root.resolve("bench/target/lambda-primed"));
        LambdaInitBench.Result cold = bench.run("init", runs);
        LambdaInitBench.Result primed = bench.run("primed", runs);
        double coldFirst = Stats.median(cold.firstRequestMs());
        double primedFirst = Stats.median(primed.firstRequestMs());
        row("SnapStart priming: first request without priming (same JVM, after init)", Stats.summary(cold.firstRequestMs()),
                "", null);
        row("SnapStart priming: first request after CredentialsPriming (beforeCheckpoint)", Stats.summary(primed.firstRequestMs()),
                "much less than without", primedFirst < coldFirst / 2);
        row("SnapStart priming: the priming itself (paid before the snapshot)", Stats.summary(primed.primeMs()), "", null);
        LambdaInitBench.ClassProfile profile = bench.profile("primed");
        row("SnapStart priming: classes the first request still loads after priming", profile.during() + ", of which "
                + profile.duringOffTheNetworkPath() + " off the real network path", "none but the network path",
                profile.duringOffTheNetworkPath() == 0);
        notes.add("Classes loaded by the first request after CredentialsPriming: " + profile.duringFirstRequest() + ".");
        notes.add("Priming proxy: the same JVM answers its first request after priming; a restored snapshot additionally"
                + " re-resolves DNS and reopens connections, which priming cannot pre-pay.");
    }

    private void usage(boolean quick) throws Exception {
        var bench = new UsageBench(root.resolve("bench/target/usage"));
        bench.ingestion(20_000); // warm-up: class loading and JIT
        UsageBench.Throughput t = bench.ingestion(quick ? 50_000 : 200_000);
        row("Usage ingestion through the local path (file → follower → embedded ledger), " + t.records() + " records",
                String.format(Locale.ROOT, "%.0f records/s", t.perSecond()), "≥ 5,000 records/s", t.perSecond() >= 5_000);
        List<Double> lags = bench.lagMs(quick ? 30 : 100, 50);
        double p99 = Stats.quantile(lags, 0.99);
        row("Usage lag: record appended → visible in the caller's usage (200 ms polling)", Stats.summary(lags) + ", p99 " + Stats.ms(p99),
                "p99 ≤ 5 s", p99 <= 5_000);
    }

    private void jmh(boolean quick) throws Exception {
        Path log = root.resolve("bench/target/jmh.log");
        notes.add("JMH's own output: " + root.relativize(log) + ".");
        jmhRun(IssuanceBenchmark.class, log, quick).forEach((name, stats) -> {
            double p99 = stats.getPercentile(99) / 1000.0;
            // The target is for STS stubbed in-process; over a loopback socket the figure is reported only.
            boolean targeted = !name.contains("Loopback");
            row("Warm issuance (JMH SampleTime, C1): " + name, percentiles(stats),
                    targeted ? "p99 ≤ 2 ms" : "reported", targeted ? p99 <= 2.0 : null);
        });
    }

    /** What the budget check adds to a warm issuance: the p99 of each variant, and the difference to the baseline. */
    private void budget(boolean quick) throws Exception {
        Path log = root.resolve("bench/target/jmh-budget.log");
        notes.add("JMH's output for the budget check: " + root.relativize(log) + ".");
        java.util.Map<String, Double> p99s = new java.util.TreeMap<>();
        jmhRun(BudgetCheckBenchmark.class, log, quick).forEach((name, stats) -> {
            p99s.put(name, stats.getPercentile(99) / 1000.0);
            row("Warm issuance with the budget check (JMH SampleTime, C1): " + name, percentiles(stats), "reported",
                    null);
        });
        double base = p99s.get("withoutBudget");
        for (String variant : java.util.List.of("withBudgetInProcessDynamo", "withBudgetLoopbackDynamo")) {
            double added = p99s.get(variant) - base;
            row("Budget check adds to warm issuance p99 (" + variant + ")",
                    String.format(Locale.ROOT, "%+.3f ms (%.3f vs %.3f ms)", added, p99s.get(variant), base),
                    "≤ 5 ms", added <= 5.0);
        }
    }

    /**
     * Runs a JMH benchmark class (shorter with {@code --quick}), JMH's own output to {@code log}: each benchmark's
     * sample statistics by its method name, in the order JMH ran them.
     */
    private static Map<String, Statistics> jmhRun(Class<?> benchmarks, Path log, boolean quick) throws RunnerException {
        var options = new OptionsBuilder().include(benchmarks.getName() + ".*").shouldFailOnError(true)
                .output(log.toString());
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Map<String, Statistics> statistics = new LinkedHashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            statistics.put(result.getParams().getBenchmark().replace(benchmarks.getName() + ".", ""),
                    result.getPrimaryResult().getStatistics());
        }
        return statistics;
    }

    /** The report's figure for a JMH sample: p50, p99 and p99.9 in milliseconds, and the sample count. */
    private static String percentiles(Statistics stats) {
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms (n=%d)",
                stats.getPercentile(50) / 1000.0, stats.getPercentile(99) / 1000.0, stats.getPercentile(99.9) / 1000.0,
                stats.getN());
    }

    /** The release zip users download (client/target/bedrock-broker-VERSION.zip). */
    private Path releaseZip() throws IOException {
        try (var files = Files.list(root.resolve("client/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bedrock-broker-.+\\.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("client/target/bedrock-broker-VERSION.zip is missing"));
        }
    }

    static final double HIT_TARGET = 1.2;
    static final double AWS_CLI_TARGET = 1.10;
    static final double MISS_TARGET_MS = 300;
    static final Path AWS_CLI = Path.of("/usr/bin/aws");

    private void client(int runs) throws Exception {
        Path zip = releaseZip();
        try (var bench = new ClientBench(zip, root.resolve("bench/target/client"))) {
            notes.add("The client measured is " + root.relativize(zip) + " unpacked into "
                    + root.relativize(bench.clientDistribution()) + " (the archive users download).");
            bench.signIn();
            boolean archive = bench.awaitArchive(Duration.ofSeconds(120));
            notes.add(archive ? "The client's start-up archive (" + (Runtime.version().feature() >= 25 ? "AOT cache" : "AppCDS")
                    + ") was written by the launcher's background training before measuring."
                    : "The client's start-up archive was NOT written within 120 s: the hit figures are without it.");
            Map<String, ClientBench.Sample> hits = bench.alternate(bench.hitCommands(), bench.environment(), runs, 3);
            double hello = Stats.median(hits.get("hello world").wall());
            double helloCpu = Stats.median(hits.get("hello world").cpu());
            for (var e : hits.entrySet()) {
                double median = Stats.median(e.getValue().wall());
                boolean isHello = e.getKey().startsWith("hello world");
                boolean yardstick = e.getKey().equals("hello world");
                row("Client " + e.getKey() + (yardstick ? " (java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp DIR Hello)"
                                : isHello ? "" : " through the unpacked zip's bin/bedrock-broker") + " (alternating runs, wall)",
                        Stats.summary(e.getValue().wall())
                        + (yardstick ? "" : String.format(Locale.ROOT, " = %.2f × hello", median / hello)),
                        isHello ? "" : "≤ " + HIT_TARGET + " × hello world", isHello ? null : median <= HIT_TARGET * hello);
                double cpu = Stats.median(e.getValue().cpu());
                row("Client " + e.getKey() + ", CPU time (user+sys)", Stats.ms(cpu)
                        + (yardstick ? "" : String.format(Locale.ROOT, " = %.2f × hello", cpu / helloCpu)), "", null);
            }
            Map<String, Double> hyperfine = bench.hyperfine(bench.hitCommands(), runs);
            if (!hyperfine.isEmpty()) {
                double h = hyperfine.getOrDefault("hello world", Double.NaN);
                hyperfine.forEach((k, v) -> {
                    boolean isHello = k.startsWith("hello world");
                    row("Client " + k + " (hyperfine median)", Stats.ms(v)
                                    + (k.equals("hello world") ? "" : String.format(Locale.ROOT, " = %.2f × hello", v / h)),
                            isHello ? "" : "≤ " + HIT_TARGET + " × hello world", isHello ? null : v <= HIT_TARGET * h);
                });
            } else {
                notes.add("hyperfine is not installed (apt-get install -y hyperfine): only the alternating Java harness ran.");
            }
            awsCli(bench, runs);
            Map<String, String> noCds = new LinkedHashMap<>(bench.environment());
            noCds.put("BEDROCK_BROKER_CDS", "0");
            ClientBench.Sample hitNoCds = bench.alternate(Map.of("credential-process (hit), no start-up archive",
                    bench.hitCommands().get("credential-process (hit)")), noCds, Math.max(5, runs / 2), 1)
                    .values().iterator().next();
            row("Client credential-process (hit) with BEDROCK_BROKER_CDS=0 (no start-up archive, for comparison)",
                    Stats.summary(hitNoCds.wall()) + ", CPU " + Stats.ms(Stats.median(hitNoCds.cpu())), "", null);

            ClientBench.ClassProfile profile = bench.profileHit();
            notes.add("Where a cache hit's time goes: " + profile.total() + " classes loaded; by source " + profile.bySource()
                    + "; by family " + profile.byFamily() + "; JVM start-up phases (ms) " + format(profile.startupPhasesMs()) + ".");

            ClientBench.Sample miss = bench.misses(bench.environment(), runs);
            row("Client cache miss over loopback HTTP (credential-process → local broker → STS stub)",
                    Stats.summary(miss.wall()) + ", CPU " + Stats.ms(Stats.median(miss.cpu())),
                    "median ≤ " + (int) MISS_TARGET_MS + " ms", Stats.median(miss.wall()) <= MISS_TARGET_MS);
            ClientBench.Sample missNoCds = bench.misses(noCds, Math.max(5, runs / 2));
            row("Client cache miss over loopback HTTP, BEDROCK_BROKER_CDS=0 (for comparison)",
                    Stats.summary(missNoCds.wall()) + ", CPU " + Stats.ms(Stats.median(missNoCds.cpu())), "", null);
            ClientBench.Sample tls = bench.misses(bench.tlsEnvironment(), runs);
            row("Client cache miss over TLS (RSA 2048, loopback)", Stats.summary(tls.wall()) + ", CPU "
                    + Stats.ms(Stats.median(tls.cpu())), "reported", null);
        }
    }

    /** aws configure export-credentials: our credential_process profile against a profile with static keys. */
    private void awsCli(ClientBench bench, int runs) throws IOException {
        if (!Files.isExecutable(AWS_CLI)) {
            row("AWS CLI v2 export-credentials, credential_process profile vs static keys",
                    "not measured: /usr/bin/aws is missing (apt-get install -y awscli, or ./test.sh)",
                    "≤ " + AWS_CLI_TARGET + " × static keys", false);
            return;
        }
        Map<String, List<String>> commands = bench.awsCliCommands(AWS_CLI);
        Map<String, String> env = new LinkedHashMap<>(bench.environment());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Map<String, ClientBench.Sample> times = bench.alternate(commands, env, runs, 2);
        String staticKeys = commands.keySet().iterator().next();
        double base = Stats.median(times.get(staticKeys).wall());
        double baseCpu = Stats.median(times.get(staticKeys).cpu());
        for (var e : times.entrySet()) {
            boolean ours = !e.getKey().equals(staticKeys);
            double median = Stats.median(e.getValue().wall());
            double cpu = Stats.median(e.getValue().cpu());
            row("AWS CLI v2 " + e.getKey() + " (alternating runs, wall; CPU user+sys)", Stats.summary(e.getValue().wall())
                            + ", CPU " + Stats.ms(cpu) + (ours ? String.format(Locale.ROOT, " = %.2f × static keys (CPU %.2f ×)",
                            median / base, cpu / baseCpu) : ""),
                    ours ? "≤ " + AWS_CLI_TARGET + " × static keys" : "", ours ? median <= AWS_CLI_TARGET * base : null);
        }
        Map<String, Double> hyperfine = bench.hyperfine(commands, runs);
        if (!hyperfine.isEmpty()) {
            double h = hyperfine.getOrDefault(staticKeys, Double.NaN);
            hyperfine.forEach((k, v) -> {
                boolean ours = !k.equals(staticKeys);
                row("AWS CLI v2 " + k + " (hyperfine median)", Stats.ms(v)
                                + (ours ? String.format(Locale.ROOT, " = %.2f × static keys", v / h) : ""),
                        ours ? "≤ " + AWS_CLI_TARGET + " × static keys" : "", ours ? v <= AWS_CLI_TARGET * h : null);
            });
        }
    }

    private static String format(Map<String, Double> phases) {
        StringBuilder s = new StringBuilder("{");
        phases.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append('=')
                .append(String.format(Locale.ROOT, "%.1f", v)));
        return s.append('}').toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    private void print(PrintStream stdout, String loadBefore, String loadAfter, Duration took) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("## Benchmark results\n\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (").append(cpuModel())
                .append("), Java ").append(Runtime.version()).append(" (").append(System.getProperty("java.vendor"))
                .append("); load average before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append("; run took ").append(took.toSeconds()).append(" s; ").append(Instant.now()).append(".\n\n");
        out.append("| metric | result | target | |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        stdout.println(out);
        stdout.flush();
        Path report = root.resolve("bench/target/bench-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }
}
