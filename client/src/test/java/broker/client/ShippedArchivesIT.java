package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives users download (client/target/bedrock-broker-VERSION.zip and .tar.gz, built by the package phase),
 * unpacked as a user would, each into its own directory: they hold everything the launcher uses (the jar's digest
 * included), {@code credential-process} answers from there, the start-up archive (the AOT cache on the Java running
 * this test) appears after the first run and the next run loads the client from it.
 */
class ShippedArchivesIT {
    @TempDir
    Path dir;

    TestWorld world;
    Path cache;

    @BeforeEach
    void signedInWithCachedCredentials() throws IOException {
        world = new TestWorld(Files.createDirectories(dir.resolve("home")));
        world.configureAndLogin();
        TestWorld.Run first = world.run("credential-process");
        assertThat(first.exitCode()).as(first.err()).isZero();
        cache = dir.resolve("cache");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    static Path archive(String extension) {
        String base = System.getProperty("bedrock.broker.archives");
        assertThat(base).as("run by mvn verify (the integration-test phase, after package)").isNotNull();
        Path archive = Path.of(base + extension);
        assertThat(archive).as("the package phase builds it").isRegularFile();
        return archive;
    }

    /** Unpacks as users do: unzip keeps the Unix modes stored in the zip; tar keeps its own. */
    static Path unpack(String extension, Path into) throws Exception {
        Path archive = archive(extension);
        Files.createDirectories(into);
        if (extension.equals(".zip")) {
            // The JDK's zip file system reads the Unix modes the assembly plugin stores (as unzip applies them).
            try (var zip = FileSystems.newFileSystem(URI.create("jar:" + archive.toUri()),
                    Map.of("enablePosixFileAttributes", "true"))) {
                Path root = zip.getPath("/");
                try (Stream<Path> entries = Files.walk(root)) {
                    for (Path entry : entries.toList()) {
                        Path target = into.resolve(root.relativize(entry).toString());
                        if (Files.isDirectory(entry)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(entry, target);
                            Set<PosixFilePermission> mode = Files.getFileAttributeView(entry, PosixFileAttributeView.class)
                                    .readAttributes().permissions();
                            Files.setPosixFilePermissions(target, mode);
                        }
                    }
                }
            }
        } else {
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                    .redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tar.exitValue()).as(out).isZero();
        }
        try (Stream<Path> top = Files.list(into)) {
            return top.filter(p -> p.getFileName().toString().startsWith("bedrock-broker-")).findFirst().orElseThrow();
        }
    }

    private LauncherRun run(Path launcher, Map<String, String> extraEnv, String... args) throws Exception {
        var env = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", world.home.toString(), "JAVA_HOME", System.getProperty("java.home"), "LANG", "C.UTF-8",
                "XDG_CACHE_HOME", cache.toString()));
        env.putAll(extraEnv);
        return LauncherRun.of(launcher, dir, env, args);
    }

    private List<Path> startupArchives() throws IOException {
        Path archives = cache.resolve("bedrock-broker");
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(archives)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Path awaitStartupArchive() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> files = startupArchives();
            assertThat(files).as("the training run failed").noneMatch(f -> f.toString().endsWith(".failed"));
            List<Path> done = files.stream().filter(f -> f.toString().endsWith(".aot") || f.toString().endsWith(".jsa")).toList();
            if (!done.isEmpty() && files.stream().noneMatch(f -> f.toString().contains(".tmp"))) {
                return done.getFirst();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no start-up archive 120 s after the first run");
    }

    @ParameterizedTest
    @ValueSource(strings = {".zip", ".tar.gz"})
    void archive_unpacked_holdsWhatTheLauncherUsesAndItsCredentialProcessTrainsAndUsesTheStartupArchive(String extension)
            throws Exception {
        Path installed = unpack(extension, dir.resolve("unpacked"));
        Path launcher = installed.resolve("bin/bedrock-broker");
        Path jar = installed.resolve("lib/bedrock-broker.jar");

        assertThat(Files.getPosixFilePermissions(launcher, LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.readAllBytes(installed.resolve("bin/bedrock-broker.cmd"))).as("CRLF line endings")
                .startsWith("@echo off\r\n".getBytes(StandardCharsets.US_ASCII));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        assertThat(Files.readString(installed.resolve("lib/bedrock-broker.jar.sha256")).strip()).startsWith(digest);

        LauncherRun first = run(launcher, Map.of(), "credential-process");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        Map<String, Object> credentials = Json.parseObject(first.out().strip());
        assertThat(credentials).containsEntry("Version", 1L)
                .containsEntry("AccessKeyId", "ASIA" + world.clock.instant().getEpochSecond());

        Path startupArchive = awaitStartupArchive();
        assertThat(startupArchive.toString()).contains(installed.toRealPath().toString())
                .contains(digest).endsWith(Runtime.version().feature() >= 25 ? ".aot" : ".jsa");

        Path log = dir.resolve("class-load.log");
        LauncherRun next = run(launcher, Map.of("BEDROCK_BROKER_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "credential-process");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).isEmpty();
        assertThat(next.out()).isEqualTo(first.out());
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains(" broker.client.Main source: shared objects file"))
                .anyMatch(l -> l.contains(" broker.client.cli.CredentialRequest source: shared objects file"));
        assertThat(world.credentialCalls()).as("both runs were cache hits").isEqualTo(1);
    }
}
