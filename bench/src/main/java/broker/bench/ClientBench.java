package broker.bench;

import broker.bench.hello.Hello;
import broker.bench.lambda.LambdaFixtures;
import broker.bench.lambda.StsStub;
import broker.contract.BrokerEnv;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.local.LocalBroker;
import broker.lambda.local.LocalBrokerOptions;
import broker.lambda.local.RunningBroker;
import broker.lambda.wiring.BrokerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The client as users run it: whole processes started through the shipped launcher ({@code bin/bedrock-broker} of
 * the release zip, unpacked as a user would), against the real local broker (the Lambda handlers in this JVM, its JWT check as API
 * Gateway's), mock-oauth2-server as the identity provider and an STS stub. Only the user's home is synthetic.
 */
public final class ClientBench implements AutoCloseable {
    private static final String CLIENT_ID = "bench-client";

    private final Path work;
    private final Path clientDist;
    private final Path helloDist;
    private final Path helloClasses;
    private final Path home;
    private final MockOAuth2Server idp = new MockOAuth2Server();
    private final StsStub sts;
    private final RunningBroker broker;
    private TlsFront tls;

    /** {@code releaseZip}: client/target/bedrock-broker-VERSION.zip, the archive users download. */
    public ClientBench(Path releaseZip, Path work) throws Exception {
        this.work = work;
        deleteTree(work);
        Files.createDirectories(work);
        clientDist = unzip(releaseZip, work.resolve("client-dist"));
        helloDist = helloDistribution(clientDist.resolve("bin/bedrock-broker"), work.resolve("hello-dist"));
        helloClasses = helloClasses(work.resolve("hello-classes"));
        home = Files.createDirectories(work.resolve("home"));
        idp.start(java.net.InetAddress.getLoopbackAddress(), 0);
        sts = StsStub.start();
        String issuer = idp.issuerUrl("default").toString();
        var config = new BrokerConfig(LambdaFixtures.ROLE_ARN, LambdaFixtures.REGION,
                BrokerConfig.loadEntitlements(LambdaFixtures.writeEntitlements(work)), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer, CLIENT_ID, BrokerEnv.DEFAULT_SCOPES, BrokerEnv.DEFAULT_REDIRECT_PORTS, "", ""),
                sts.endpoint(), null);
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of(CLIENT_ID),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret")),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    public Path clientLauncher() {
        return clientDist.resolve("bin/bedrock-broker");
    }

    public Path helloLauncher() {
        return helloDist.resolve("bin/bedrock-broker");
    }

    /** The issue's yardstick: {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp DIR Hello}, no launcher. */
    public List<String> plainHello() {
        return List.of(Procs.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", helloClasses.toString(), "Hello");
    }

    public Path clientDistribution() {
        return clientDist;
    }

    public Path home() {
        return home;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", Procs.javaHome().toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private Procs.Run client(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(clientLauncher().toString());
        command.addAll(List.of(args));
        return Procs.run(command, env, work);
    }

    /** configure, a signed-in user (an ID token from the identity provider), a first refresh: a fresh cache. */
    public void signIn() throws IOException, java.text.ParseException {
        client(environment(), "configure", "--url", broker.baseUri().toString()).requireSuccess("configure");
        var token = idp.issueToken("default", CLIENT_ID, new DefaultOAuth2TokenCallback("default", "alice", "JWT",
                List.of(CLIENT_ID), Map.of("email", "alice@example.com", "groups", List.of("developers")), 3600));
        Path tokens = profileDir().resolve("tokens.json");
        Files.writeString(tokens, "{\"idToken\":\"" + token.serialize() + "\",\"idTokenExpiresAt\":"
                + token.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond() + ",\"subject\":\"alice\"}");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> verbose = new HashMap<>(environment());
        verbose.put("BEDROCK_BROKER_VERBOSE", "1");
        Procs.Run first = client(verbose, "credential-process").requireSuccess("the first credential-process");
        if (!first.out().contains("\"AccessKeyId\":\"ASIAIOSFODNN7EXAMPLE\"")) {
            throw new IllegalStateException("unexpected credential-process output: " + first.out());
        }
    }

    public Path profileDir() {
        return home.resolve(".bedrock-broker/profiles/default");
    }

    /**
     * Waits for the launcher's background training to write its start-up archive (the AOT cache on Java 25+, AppCDS
     * on 21-24); false if it never came.
     */
    public boolean awaitArchive(java.time.Duration max) throws Exception {
        // The hello world's launcher cannot train (its jar has no training class): only the client's archive counts.
        long deadline = System.nanoTime() + max.toNanos();
        Path dir = home.resolve(".cache/bedrock-broker");
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")
                            || f.getFileName().toString().endsWith(".aot"))) {
                        return true;
                    }
                }
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Wall and CPU (user + system) times of a series of runs, ms. */
    public record Sample(List<Double> wall, List<Double> cpu) {
        Sample() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(Procs.Run run) {
            wall.add(run.wallMs());
            cpu.add(run.cpuMs());
        }
    }

    /** Alternating runs of each command (so that a change in the machine's load hits them all alike). */
    public Map<String, Sample> alternate(Map<String, List<String>> commands, Map<String, String> env, int runs, int warmup) {
        Map<String, Sample> times = new LinkedHashMap<>();
        commands.keySet().forEach(k -> times.put(k, new Sample()));
        for (int i = 0; i < warmup + runs; i++) {
            for (var e : commands.entrySet()) {
                Procs.Run run = Procs.runWithCpu(e.getValue(), env, work).requireSuccess(e.getKey());
                if (run.out().isBlank() || !run.err().isEmpty()) {
                    throw new IllegalStateException(e.getKey() + " printed nothing on stdout, or something on stderr: " + run.err());
                }
                if (i >= warmup) {
                    times.get(e.getKey()).add(run);
                }
            }
        }
        return times;
    }

    public Map<String, List<String>> hitCommands() {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("hello world", plainHello());
        commands.put("hello world through bin/bedrock-broker", List.of(helloLauncher().toString()));
        commands.put("credential-process (hit)", List.of(clientLauncher().toString(), "credential-process"));
        commands.put("export (hit)", List.of(clientLauncher().toString(), "export"));
        return commands;
    }

    /**
     * The AWS CLI v2 reading credentials two ways in the bench home: a profile with static keys in
     * ~/.aws/credentials, and our {@code credential_process} profile (the unpacked launcher, a cache hit).
     */
    public Map<String, List<String>> awsCliCommands(Path awsCli) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile static]\nregion = us-east-1\n\n[profile broker]\n"
                + "credential_process = " + clientLauncher() + " credential-process\nregion = us-east-1\n");
        Files.writeString(aws.resolve("credentials"), "[static]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (String profile : List.of("static", "broker")) {
            commands.put("aws configure export-credentials, " + (profile.equals("static") ? "static keys" : "credential_process"),
                    List.of(awsCli.toString(), "configure", "export-credentials", "--profile", profile, "--format", "process"));
        }
        return commands;
    }

    /** hyperfine, if installed: the same commands, its medians (ms); empty when it is not there. */
    public Map<String, Double> hyperfine(Map<String, List<String>> commands, int runs) throws IOException {
        Path hyperfine = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(p -> Path.of(p, "hyperfine"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Map<String, Double> medians = new LinkedHashMap<>();
        if (hyperfine == null) {
            return medians;
        }
        Path json = work.resolve("hyperfine.json");
        List<String> command = new ArrayList<>(List.of(hyperfine.toString(), "-N", "--warmup", "3", "--runs",
                String.valueOf(runs), "--style", "none", "--export-json", json.toString()));
        for (var e : commands.entrySet()) {
            command.add("-n");
            command.add(e.getKey());
            command.add(String.join(" ", e.getValue()));
        }
        Procs.run(command, environment(), work).requireSuccess("hyperfine");
        Matcher m = Pattern.compile("\"command\":\\s*\"([^\"]+)\"[\\s\\S]*?\"median\":\\s*([0-9.eE+-]+)").matcher(Files.readString(json));
        while (m.find()) {
            medians.put(m.group(1), Double.parseDouble(m.group(2)) * 1000);
        }
        return medians;
    }

    /** Cache misses: the cached credentials deleted before each run, so each run asks the broker. */
    public Sample misses(Map<String, String> env, int runs) throws IOException {
        Sample times = new Sample();
        for (int i = 0; i < runs + 1; i++) {
            Files.deleteIfExists(profileDir().resolve("credentials.json"));
            Procs.Run run = Procs.runWithCpu(List.of(clientLauncher().toString(), "credential-process"), env, work)
                    .requireSuccess("credential-process (miss)");
            if (!run.out().contains("ASIAIOSFODNN7EXAMPLE")) {
                throw new IllegalStateException("unexpected output: " + run.out());
            }
            if (i > 0) {
                times.add(run);
            }
        }
        return times;
    }

    /** The environment of a run against the broker over TLS (its self-signed certificate trusted). */
    public Map<String, String> tlsEnvironment() throws Exception {
        if (tls == null) {
            tls = TlsFront.start(work, broker.port());
        }
        Map<String, String> env = new HashMap<>(environment());
        env.put("BEDROCK_BROKER_URL", "https://127.0.0.1:" + tls.port());
        env.put("BEDROCK_BROKER_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + tls.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + TlsFront.PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12");
        return env;
    }

    /** Where a cache hit's classes come from: counts by source (CDS archive, JDK image, jar) and by package family. */
    public record ClassProfile(int total, Map<String, Integer> bySource, Map<String, Integer> byFamily,
                               Map<String, Double> startupPhasesMs) {
    }

    public ClassProfile profileHit() throws IOException {
        Path log = work.resolve("class-load.log");
        Path startup = work.resolve("startuptime.log");
        Files.deleteIfExists(log);
        Files.deleteIfExists(startup);
        Map<String, String> env = new HashMap<>(environment());
        env.put("BEDROCK_BROKER_JAVA_OPTS", "-Xlog:class+load=info:file=" + log + " -Xlog:startuptime=info:file=" + startup);
        client(env, "credential-process").requireSuccess("credential-process (profiled)");
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, Integer> byFamily = new TreeMap<>();
        int total = 0;
        Pattern line = Pattern.compile("\\] (\\S+) source: (.*)$");
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (!m.find()) {
                continue;
            }
            total++;
            String source = m.group(2);
            String kind = source.startsWith("shared objects file (top)") ? "AppCDS archive (client)"
                    : source.startsWith("shared objects file") ? "AOT cache (Java 25+) or the JDK's CDS archive"
                    : source.startsWith("jrt:/") ? "JDK modules (not archived)"
                    : source.startsWith("file:") ? "client jar" : "generated (lambda forms, proxies)";
            bySource.merge(kind, 1, Integer::sum);
            String name = m.group(1);
            String family = name.startsWith("broker.client.") ? "broker.client"
                    : name.startsWith("picocli.") ? "picocli"
                    : name.startsWith("com.nimbusds.") ? "nimbus"
                    : name.startsWith("java.net.http.") || name.startsWith("jdk.internal.net.http.") ? "java.net.http"
                    : name.startsWith("javax.net.ssl.") || name.startsWith("sun.security.ssl.") ? "TLS"
                    : name.startsWith("sun.net.www.") || name.startsWith("java.net.") ? "java.net / URL"
                    : name.startsWith("java.nio.file.") || name.startsWith("sun.nio.fs.") ? "file I/O (nio)"
                    : "other JDK";
            byFamily.merge(family, 1, Integer::sum);
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        Pattern phase = Pattern.compile("\\[startuptime\\] (.+), ([0-9.]+) secs");
        for (String l : Files.readAllLines(startup)) {
            Matcher m = phase.matcher(l);
            if (m.find()) {
                phases.merge(m.group(1), Double.parseDouble(m.group(2)) * 1000, Double::sum);
            }
        }
        return new ClassProfile(total, bySource, byFamily, phases);
    }

    /** A copy of the client's launcher next to a jar whose main class prints "hello": the same start-up path. */
    private static Path helloDistribution(Path launcher, Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path copy = bin.resolve("bedrock-broker");
        Files.copy(launcher, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Hello.class.getName());
        String name = Hello.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(lib.resolve("bedrock-broker.jar"));
             var jar = new JarOutputStream(out, manifest);
             var in = Hello.class.getClassLoader().getResourceAsStream(name)) {
            jar.putNextEntry(new JarEntry(name));
            in.transferTo(jar);
            jar.closeEntry();
        }
        return dir;
    }

    /** Unpacks the release zip with the Unix modes it stores (as unzip does); returns its bedrock-broker-VERSION. */
    private static Path unzip(Path zip, Path into) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: bench/run.sh builds it (mvn -pl client package)");
        }
        try (var fs = java.nio.file.FileSystems.newFileSystem(java.net.URI.create("jar:" + zip.toUri()),
                Map.of("enablePosixFileAttributes", "true"))) {
            Path root = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : entries.toList()) {
                    Path target = into.resolve(root.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(entry, target);
                        Files.setPosixFilePermissions(target, Files.getFileAttributeView(entry,
                                java.nio.file.attribute.PosixFileAttributeView.class).readAttributes().permissions());
                    }
                }
            }
        }
        try (Stream<Path> top = Files.list(into)) {
            return top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** A directory holding only Hello.class (default package), as in the issue's {@code -cp DIR Hello}. */
    private static Path helloClasses(Path dir) throws IOException {
        Files.createDirectories(dir);
        String source = "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }";
        Path java = Files.writeString(dir.resolve("Hello.java"), source);
        Procs.Run javac = Procs.run(List.of(Procs.javaHome().resolve("bin/javac").toString(), "--release", "21", "-d",
                dir.toString(), java.toString()), Map.of("PATH", "/usr/bin:/bin"), dir);
        javac.requireSuccess("javac Hello.java");
        Files.delete(java);
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws Exception {
        if (tls != null) {
            tls.close();
        }
        broker.close();
        sts.close();
        idp.shutdown();
    }
}
