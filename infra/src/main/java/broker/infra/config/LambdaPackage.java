package broker.infra.config;

import broker.lambda.core.policy.EntitlementsCheck;
import broker.contract.BrokerEnv;
import broker.contract.LambdaJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stages the directories that become the functions' code, one per {@link LambdaJar}: the Java runtime puts
 * {@code /var/task} and {@code /var/task/lib/*.jar} on the class path, and the broker reads
 * {@code $LAMBDA_TASK_ROOT/entitlements.json} (with its {@code .checked} stamp: it passed the whole check here). Each
 * directory holds nothing else, so the same jar and document always
 * give the same asset hash (and no new Lambda version).
 */
public final class LambdaPackage {
    private LambdaPackage() {}

    /**
     * Replaces {@code stagingDirectory} with one package per {@link LambdaJar}, each in the subdirectory named by its
     * {@link LambdaJar#id()}, taking the jars from {@code jarDirectory}.
     *
     * @return each jar's staged package
     * @throws ConfigException when a jar is missing (the lambda module has not been packaged)
     */
    public static Map<LambdaJar, Path> stageAll(Path jarDirectory, Entitlements entitlements, Path stagingDirectory) {
        Map<LambdaJar, Path> packages = new EnumMap<>(LambdaJar.class);
        try {
            deleteRecursively(stagingDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the Lambda packages in " + stagingDirectory.toAbsolutePath(), e);
        }
        for (LambdaJar jar : LambdaJar.values()) {
            packages.put(jar, stage(jarDirectory.resolve(jar.fileName()), jar.fileName(), entitlements,
                    stagingDirectory.resolve(jar.id())));
        }
        return Map.copyOf(packages);
    }

    /**
     * Replaces {@code directory} with {@code lib/<jarName>}, {@code entitlements.json} and its stamp.
     *
     * @throws ConfigException when the jar is missing (the lambda module has not been packaged)
     */
    public static Path stage(Path jar, String jarName, Entitlements entitlements, Path directory) {
        if (!Files.isRegularFile(jar)) {
            throw new ConfigException("Lambda jar " + jar.toAbsolutePath() + " not found (context key lambdaDirectory): "
                    + "build it first with `mvn -B package -DskipTests` in the repository root");
        }
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory.resolve("lib"));
            Files.copy(jar, directory.resolve("lib").resolve(jarName), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(directory.resolve(BrokerEnv.BUNDLED_ENTITLEMENTS), entitlements.json());
            // Entitlements.load ran the whole check on exactly this content: the functions need not repeat it.
            Files.writeString(directory.resolve(BrokerEnv.BUNDLED_ENTITLEMENTS + BrokerEnv.ENTITLEMENTS_STAMP_SUFFIX),
                    EntitlementsCheck.stamp(entitlements.json()));
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
