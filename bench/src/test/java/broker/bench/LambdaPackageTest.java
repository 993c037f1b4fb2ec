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
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable Lambda jar, as built by the lambda module: small, free of what no function needs, and still
 * working without what was removed from it.
 */
class LambdaPackageTest {
    private static final Path LAMBDA_JAR = Path.of(System.getProperty("lambda.jar", "../lambda/target/bedrock-broker-lambda.jar"));

    @TempDir
    Path dir;

    private static Path lambdaJar() {
        assertThat(LAMBDA_JAR).as("the Lambda jar: build it first (mvn -B -pl lambda,bench -am verify)").isRegularFile();
        return LAMBDA_JAR;
    }

    @Test
    void lambdaJar_isWithinTheSizeTarget() throws Exception {
        assertThat(Files.size(lambdaJar())).isLessThanOrEqualTo(PackageReport.TARGET_BYTES);
    }

    @Test
    void lambdaJar_holdsNoUnusedHttpClientTestCdkOrLocalServerClasses() throws Exception {
        PackageReport.Report report = PackageReport.of(lambdaJar());

        assertThat(report.forbidden()).isEmpty();
        // ...and the check looks at the right jar: the handlers and the one HTTP client the SDK uses are there.
        assertThat(report.compressedByLibrary()).containsKeys("broker/lambda/handler", "awssdk/http");
    }

    @Test
    void lambdaJar_runsEveryFunctionAndItsSnapStartPrimingAlone() throws Exception {
        Path launcher = LambdaInitBench.launcherJar(dir);
        try (StsStub sts = StsStub.start()) {
            Map<String, String> env = new HashMap<>(LambdaFixtures.environment(LambdaFixtures.writeEntitlements(dir), sts.endpoint()));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

            Procs.Run run = Procs.run(List.of(Procs.java(), "-XX:TieredStopAtLevel=1", "-cp", lambdaJar() + ":" + launcher,
                    InitLauncher.class.getName(), "smoke"), env, dir);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("SMOKE credentials=[200, 200, 200, 200] apiKeys=[201, 200, 404] admin=[200, 404, 200]"
                    + " public=200 issuance=200");
            assertThat(sts.calls()).isEqualTo(1);
        }
    }
}
