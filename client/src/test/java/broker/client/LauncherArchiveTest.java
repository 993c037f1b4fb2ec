package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archive, with a self-contained jar as the shipped one: written by a background training
 * run, mapped by later runs, and never a reason for a run to fail or to print anything. On the Java running the tests
 * (25+) it is the AOT cache ({@code .aot}); a Java that reports 21-24 gets an AppCDS archive ({@code .jsa}).
 */
class LauncherArchiveTest {
    @TempDir
    Path dir;

    Path launcher;
    Path cache;
    Map<String, String> env;

    @BeforeEach
    void distribution() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("dist/bin"));
        launcher = bin.resolve("bedrock-broker");
        Files.copy(Path.of("src/main/dist/bin/bedrock-broker"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        writeSelfContainedJar(Files.createDirectories(dir.resolve("dist/lib")).resolve("bedrock-broker.jar"), null);
        cache = dir.resolve("cache");
        env = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", Files.createDirectories(dir.resolve("home")).toString(), "XDG_CACHE_HOME", cache.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "LANG", "C.UTF-8"));
    }

    /** The compiled client and its runtime dependencies in one jar, as the shade plugin builds it. */
    private static void writeSelfContainedJar(Path jar, String extraEntry) throws Exception {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "broker.client.Main");
        Set<String> seen = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(jar); var zip = new JarOutputStream(out, manifest)) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName().toString();
                if (name.equals("classes") && Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            add(zip, seen, path.relativize(f).toString().replace(File.separatorChar, '/'), Files.newInputStream(f));
                        }
                    }
                } else if (name.startsWith("picocli-") || name.startsWith("nimbus-jose-jwt-")) {
                    try (var from = new JarFile(path.toFile())) {
                        for (JarEntry e : from.stream().filter(e -> !e.isDirectory()).toList()) {
                            if (!e.getName().startsWith("META-INF/")) {
                                add(zip, seen, e.getName(), from.getInputStream(e));
                            }
                        }
                    }
                }
            }
            if (extraEntry != null) {
                add(zip, seen, extraEntry, new java.io.ByteArrayInputStream(extraEntry.getBytes(StandardCharsets.UTF_8)));
            }
        }
        // As the build writes it next to the jar (the launcher names the archive after it).
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha256"), java.util.HexFormat.of().formatHex(digest) + "\n");
    }

    private static void add(JarOutputStream zip, Set<String> seen, String name, InputStream in) throws IOException {
        try (in) {
            if (seen.add(name)) {
                zip.putNextEntry(new JarEntry(name));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private Run run(Map<String, String> extraEnv, String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.join());
    }

    private List<Path> files(String suffix) throws IOException {
        Path archives = cache.resolve("bedrock-broker");
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(archives)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /** AOT caches (Java 25+) and AppCDS archives (Java 21-24). */
    private List<Path> archives() throws IOException {
        var both = new java.util.ArrayList<>(files(".aot"));
        both.addAll(files(".jsa"));
        return both;
    }

    private Path awaitArchive(Path other) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            List<Path> archives = archives().stream().filter(p -> !p.equals(other)).toList();
            if (!archives.isEmpty() && files(".tmp").isEmpty()) {
                return archives.get(0);
            }
            assertThat(files(".failed")).as("the training run failed").isEmpty();
            Thread.sleep(200);
        }
        throw new AssertionError("no class-data archive after 90 s");
    }

    private Run versionWithClassLog(Path log) throws Exception {
        return run(Map.of("BEDROCK_BROKER_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");
    }

    @Test
    void launcher_firstRun_answersAtOnceAndLaterRunsLoadTheClientFromTheArchive() throws Exception {
        Run first = run(Map.of(), "--version");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("bedrock-broker ");
        assertThat(first.err()).isEmpty();
        awaitArchive(null);
        Path log = dir.resolve("class-load.log");
        Run later = versionWithClassLog(log);
        assertThat(later.exitCode()).isZero();
        assertThat(later.out()).isEqualTo(first.out());
        assertThat(later.err()).isEmpty();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(" broker.client.Main source: shared objects file"));
    }

    /** Debian's /usr/bin/java and other links have no release file beside them: the linked binary names the archive. */
    @Test
    void launcher_javaFoundThroughALinkOnPath_namesTheArchiveAfterTheLinkedBinaryAndUsesIt() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        env.remove("JAVA_HOME");
        env.put("PATH", links + ":" + env.get("PATH"));

        Run first = run(Map.of(), "--version");
        Path archive = awaitArchive(null);

        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(archive.toString()).contains(links.resolve("java") + "-sum");
        Path log = dir.resolve("class-load.log");
        assertThat(versionWithClassLog(log).exitCode()).isZero();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(" broker.client.Main source: shared objects file"));
    }

    @Test
    void launcher_damagedArchive_isIgnoredSilently() throws Exception {
        run(Map.of(), "--version");
        Path archive = awaitArchive(null);
        Files.writeString(archive, "not an archive");

        Run run = run(Map.of(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("bedrock-broker ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void launcher_newJar_getsItsOwnArchiveAndTheOldOneGoes() throws Exception {
        run(Map.of(), "--version");
        Path old = awaitArchive(null);
        // Same timestamps as a reproducible release build, different content.
        Path jar = dir.resolve("dist/lib/bedrock-broker.jar");
        var time = Files.getLastModifiedTime(jar);
        writeSelfContainedJar(jar, "release-2.txt");
        Files.setLastModifiedTime(jar, time);

        Run run = run(Map.of(), "--version");
        Path renewed = awaitArchive(old);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(renewed).isNotEqualTo(old);
        assertThat(old).doesNotExist();
        Path log = dir.resolve("class-load.log");
        versionWithClassLog(log);
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(" broker.client.Main source: shared objects file"));
    }

    @Test
    void launcher_java25_trainsAnAotCache() throws Exception {
        run(Map.of(), "--version");

        assertThat(awaitArchive(null).getFileName().toString()).endsWith("-" + Runtime.version() + ".aot");
        assertThat(files(".jsa")).isEmpty();
    }

    /**
     * Java 21-24 keep AppCDS: the running JDK behind a release file that says 24 (the other entries of its directory
     * linked), which is how the launcher tells versions apart.
     */
    @Test
    void launcher_javaThatSays24_trainsAnAppCdsArchiveAndUsesIt() throws Exception {
        Path realHome = Path.of(System.getProperty("java.home"));
        Path fakeHome = Files.createDirectories(dir.resolve("jdk-24"));
        try (Stream<Path> entries = Files.list(realHome)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("release")) {
                    Files.createSymbolicLink(fakeHome.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Files.writeString(fakeHome.resolve("release"), "JAVA_VERSION=\"24.0.2\"\nJAVA_RUNTIME_VERSION=\"24.0.2+12\"\n");
        env.put("JAVA_HOME", fakeHome.toString());
        try {
            Run first = run(Map.of(), "--version");
            Path archive = awaitArchive(null);

            assertThat(first.exitCode()).isZero();
            assertThat(first.err()).isEmpty();
            assertThat(archive.getFileName().toString()).endsWith("-24.0.2+12.jsa");
            assertThat(files(".aot")).isEmpty();
            Path log = dir.resolve("class-load.log");
            assertThat(versionWithClassLog(log).exitCode()).isZero();
            assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(" broker.client.Main source: shared objects file"));
        } finally {
            // The links go before @TempDir's clean-up, which warns about each link it finds.
            try (Stream<Path> links = Files.list(fakeHome)) {
                for (Path link : links.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(link);
                }
            }
        }
    }
}
