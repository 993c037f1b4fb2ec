package broker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import broker.bench.lambda.InitLauncher;
import broker.bench.lambda.LambdaFixtures;
import broker.bench.lambda.StsStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable Lambda jars, as built by the lambda module: small, free of what their functions do not need, and
 * still working without what was removed from them.
 */
class LambdaPackageTest {
    private static final Path LAMBDA_TARGET = Path.of(System.getProperty("lambda.target", "../lambda/target"));

    @TempDir
    Path dir;

    static List<LambdaJar> jars() {
        return LambdaJar.ALL;
    }

    private static Path built(LambdaJar jar) {
        Path path = jar.in(LAMBDA_TARGET);
        assertThat(path).as("the Lambda jar: build it first (mvn -B -pl lambda,bench -am verify)").isRegularFile();
        return path;
    }

    @ParameterizedTest
    @MethodSource("jars")
    void lambdaJar_isWithinTheSizeTarget(LambdaJar jar) throws Exception {
        assertThat(Files.size(built(jar))).isLessThanOrEqualTo(PackageReport.TARGET_BYTES);
    }

    @ParameterizedTest
    @MethodSource("jars")
    void lambdaJar_holdsNoUnusedSdkModelHttpClientTestCdkOrLocalServerClasses(LambdaJar jar) throws Exception {
        PackageReport.Report report = PackageReport.of(built(jar), jar.forbidden());

        assertThat(report.forbidden()).isEmpty();
        // ...and the check looks at the right jar: the handlers and the one HTTP client the SDK uses are there.
        assertThat(report.compressedByLibrary()).containsKeys("broker/lambda/handler", "awssdk/http");
    }

    @Test
    void credentialsJar_runsTheCredentialsAndPublicFunctionsAndTheirSnapStartPrimingAlone() throws Exception {
        try (StsStub sts = StsStub.start()) {
            Procs.Run run = smoke(LambdaJar.CREDENTIALS, sts);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("SMOKE credentials=[200, 200, 200, 200] primePublic=[200, 200, 200] public=200 issuance=200");
            assertThat(sts.calls()).isEqualTo(1);
        }
    }

    @Test
    void keysJar_runsTheApiKeysAndAdminFunctionsAndTheirSnapStartPrimingAlone() throws Exception {
        try (StsStub sts = StsStub.start()) {
            Procs.Run run = smoke(LambdaJar.KEYS, sts);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("SMOKE apiKeys=[201, 200, 404] admin=[200, 404, 200, 200]");
            assertThat(sts.calls()).isZero();
        }
    }

    private Procs.Run smoke(LambdaJar jar, StsStub sts) throws Exception {
        Path launcher = LambdaInitBench.launcherJar(dir);
        Map<String, String> env = new HashMap<>(LambdaFixtures.environment(LambdaFixtures.writeEntitlements(dir), sts.endpoint()));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return Procs.run(List.of(Procs.java(), "-XX:TieredStopAtLevel=1", "-cp", built(jar) + ":" + launcher,
                InitLauncher.class.getName(), jar.smokeMode()), env, dir);
    }
}
