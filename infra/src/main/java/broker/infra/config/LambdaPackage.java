package broker.infra.config;

import broker.lambda.wiring.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Stages the directory that becomes every function's code: the Java runtime puts {@code /var/task} and
 * {@code /var/task/lib/*.jar} on the class path, and the broker reads {@code $LAMBDA_TASK_ROOT/entitlements.json}.
 * The directory holds nothing else, so the same jar and document always give the same asset hash (and no new
 * Lambda version).
 */
public final class LambdaPackage {
    /** The jar's name inside the package. */
    public static final String JAR_NAME = "bedrock-broker-lambda.jar";

    private LambdaPackage() {}

    /**
     * Replaces {@code directory} with {@code lib/bedrock-broker-lambda.jar} and {@code entitlements.json}.
     *
     * @throws ConfigException when the jar is missing (the lambda module has not been packaged)
     */
    public static Path stage(Path jar, Entitlements entitlements, Path directory) {
        if (!Files.isRegularFile(jar)) {
            throw new ConfigException("Lambda jar " + jar.toAbsolutePath() + " not found (context key lambdaJar): "
                    + "build it first with `mvn -B package -DskipTests` in the repository root");
        }
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory.resolve("lib"));
            Files.copy(jar, directory.resolve("lib").resolve(JAR_NAME), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(directory.resolve(BrokerConfig.BUNDLED_ENTITLEMENTS), entitlements.json());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the Lambda package in " + directory.toAbsolutePath(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
