package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bedrock-broker with a Java that is too old or missing: one sentence on stderr naming the Java found, that 21 or
 * newer is needed and how to set JAVA_HOME, exit code 8 (docs/client.md), and the client never started.
 */
class LauncherJavaVersionTest {
    /** Debian 12's default Java, which users meet first on PATH (apt-get install -y openjdk-17-jre-headless). */
    static final Path DEBIAN_JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    static final int NO_SUITABLE_JAVA = 8;

    @TempDir
    Path dir;

    Path launcher;
    Map<String, String> env;

    @BeforeEach
    void distribution() throws IOException {
        launcher = TestDistribution.create(dir.resolve("dist"));
        env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                "LANG", "C.UTF-8"));
    }

    private LauncherRun run(String... args) throws Exception {
        return LauncherRun.of(launcher, dir, env, args);
    }

    private static void requireDebianJava17() {
        assertThat(DEBIAN_JAVA_17.resolve("bin/java"))
                .as("this test runs the machine's Java 17: apt-get install -y openjdk-17-jre-headless").isExecutable();
    }

    private static String releaseVersion(Path javaHome) throws IOException {
        return Files.readAllLines(javaHome.resolve("release")).stream().filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
                .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "")).findFirst().orElseThrow();
    }

    private static void assertOneSentence(LauncherRun run, String javaVersion, String javaPath) {
        assertThat(run.exitCode()).isEqualTo(NO_SUITABLE_JAVA);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("bedrock-broker: found Java " + javaVersion + " at " + javaPath
                + ", but Java 21 or newer is needed: install it and set JAVA_HOME to its directory"
                + " (export JAVA_HOME=/path/to/jdk-21).\n");
    }

    @Test
    void launcher_javaHomeIsJava17_saysWhichJavaAndHowToSetJavaHome() throws Exception {
        requireDebianJava17();
        env.put("JAVA_HOME", DEBIAN_JAVA_17.toString());

        LauncherRun run = run("credential-process");

        assertOneSentence(run, releaseVersion(DEBIAN_JAVA_17), DEBIAN_JAVA_17.resolve("bin/java").toString());
    }

    /** Debian's /usr/bin/java: a link (through /etc/alternatives) to Java 17, found on PATH without JAVA_HOME. */
    @Test
    void launcher_java17ThroughALinkOnPath_saysWhichJava() throws Exception {
        requireDebianJava17();
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("java"), DEBIAN_JAVA_17.resolve("bin/java"));
        env.put("PATH", links + ":/usr/bin:/bin");

        LauncherRun run = run("--version");

        assertOneSentence(run, releaseVersion(DEBIAN_JAVA_17), links.resolve("java").toString());
    }

    /** A Java without a release file is asked for its version. */
    @Test
    void launcher_javaWithoutReleaseFile_isAskedAndRefusedWhenOld() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("old-jre/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                [ "$1" = -version ] && { echo 'java version "1.8.0_402"' >&2; echo 'Java(TM) SE Runtime Environment' >&2; exit 0; }
                echo "the client was started" ; exit 0
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("JAVA_HOME", dir.resolve("old-jre").toString());

        LauncherRun run = run("credential-process");

        assertOneSentence(run, "1.8.0_402", java.toString());
    }

    @Test
    void launcher_noJavaAnywhere_saysHowToInstallAndSetJavaHome() throws Exception {
        env.put("PATH", Files.createDirectories(dir.resolve("empty")).toString());
        env.put("JAVA_HOME", dir.resolve("no-such-jdk").toString());

        LauncherRun run = run("credential-process");

        assertThat(run.exitCode()).isEqualTo(NO_SUITABLE_JAVA);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("bedrock-broker: no Java found (JAVA_HOME does not name one and there is no"
                + " java on PATH): install Java 21 or newer and set JAVA_HOME to its directory.\n");
    }

    /** An empty PATH entry means the current directory to sh: a java there (a cloned repository) is never run. */
    @Test
    void launcher_javaOnlyInTheCurrentDirectoryThroughAnEmptyPathEntry_isNotRun() throws Exception {
        Path planted = dir.resolve("java");
        Files.writeString(planted, "#!/bin/sh\necho planted > \"" + dir.resolve("ran") + "\"\n");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", ":" + Files.createDirectories(dir.resolve("empty")));

        LauncherRun run = run("credential-process");

        assertThat(run.exitCode()).isEqualTo(NO_SUITABLE_JAVA);
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void launcher_java21OrNewer_startsTheClient() throws Exception {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("BEDROCK_BROKER_CDS", "0");

        LauncherRun run = run("--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("bedrock-broker ");
    }
}
