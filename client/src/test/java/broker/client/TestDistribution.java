package broker.client;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The shipped launcher ({@code src/main/dist/bin/bedrock-broker}) in a temporary {@code bin/}, next to a
 * {@code lib/bedrock-broker.jar} whose manifest points at the compiled classes and runtime dependencies: the same
 * start-up as the packaged distribution, available in the test phase.
 */
public final class TestDistribution {
    private TestDistribution() {
    }

    public static Path create(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path launcher = bin.resolve("bedrock-broker");
        Files.copy(Path.of("src/main/dist/bin/bedrock-broker"), launcher, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            String name = path.getFileName().toString();
            if (name.equals("classes") || name.startsWith("picocli-") || name.startsWith("nimbus-jose-jwt-")) {
                classPath.add(path.toUri().toString());
            }
        }
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "broker.client.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = Files.newOutputStream(lib.resolve("bedrock-broker.jar"));
             var jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return launcher;
    }

    /** A clean environment for a child process: only what the client and Java need, the home given. */
    public static Map<String, String> environment(Path home) {
        // BEDROCK_BROKER_CDS=0: this distribution's jar points at directories, which a class-data archive cannot hold
        // (LauncherArchiveTest covers the archive with a self-contained jar).
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "LANG", "C.UTF-8", "BEDROCK_BROKER_CDS", "0");
    }
}
