package broker.lambda.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import broker.lambda.testing.StdoutCapture;
import broker.lambda.wiring.BrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ColdStartWarmUpTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final StdoutCapture stdout = new StdoutCapture();

    @Test
    void join_withTheCatalogOn_finishesAndWritesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("entitlements.json"), PrimingTest.ENTITLEMENTS);
        BrokerConfig config = BrokerConfig.fromEnvironment(Map.of("BROKER_ROLE_ARN",
                "arn:aws:iam::123456789012:role/bedrock-users", "AWS_REGION", "eu-central-1",
                "BROKER_ENTITLEMENTS_FILE", file.toString(), "BROKER_ISSUER", "https://idp.example.com",
                "BROKER_CLIENT_ID", "cli"));

        assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ColdStartWarmUp.start(CompletableFuture.completedFuture(config)).join());

        assertThat(config.catalog().enabled()).isTrue();
        assertThat(stdout.text()).isEmpty();
    }

    @Test
    void join_whenTheConfigurationFailed_stillReturns() {
        var failed = CompletableFuture.<BrokerConfig>failedFuture(new IllegalStateException("BROKER_ROLE_ARN is not set"));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ColdStartWarmUp.start(failed).join());
    }
}
