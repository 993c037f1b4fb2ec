package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.console.FailureReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client on a {@code budget-exhausted} problem and on an answer carrying a budget (docs/budgets.md). */
class BudgetClientTest {
    private static final String RESET = "2026-12-08T00:00:00Z";

    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void stubExhausted(String route, boolean withBudget) {
        world.broker.stubFor(post(route).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/problem+json").withHeader("Retry-After", "1200")
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/budget-exhausted\",\"title\":\"Budget exhausted\","
                        + "\"status\":429,\"detail\":\"Your daily budget of $10.00 is used up; it resets at " + RESET + ".\""
                        + (withBudget ? ",\"budget\":{\"period\":\"day\",\"used\":10.02,\"limit\":10,\"resetsAt\":\"" + RESET + "\"}" : "")
                        + ",\"instance\":\"req-1\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"credential-process", "export", "refresh", "token"})
    void budgetExhausted_exitsWithItsOwnCodeAndOneSentenceWithTheCapAndTheReset(String command) {
        world.configureAndLogin();
        stubExhausted("/v1/credentials", true);
        stubExhausted("/v1/bearer-tokens", true);

        TestWorld.Run run = world.run(command);

        assertThat(run.exitCode()).isEqualTo(FailureReport.BUDGET_EXHAUSTED).isEqualTo(9);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("bedrock-broker: your daily budget of $10.00 is used up ($10.02 spent); the broker"
                + " issues credentials again at " + RESET + " (in 20 min).\n");
    }

    @Test
    void budgetExhausted_withoutBudgetObject_quotesTheDetail() {
        world.configureAndLogin();
        stubExhausted("/v1/credentials", false);

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).isEqualTo("bedrock-broker: budget exhausted: Your daily budget of $10.00 is used up; it"
                + " resets at " + RESET + "; the broker issues credentials again (in 20 min).\n");
    }

    @Test
    void throttled429_isStillUnavailableNotBudget() {
        world.configureAndLogin();
        world.broker.stubFor(post("/v1/credentials").atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/problem+json").withHeader("Retry-After", "3")
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/throttled\",\"title\":\"Too many requests\",\"status\":429}")));

        assertThat(world.run("credential-process").exitCode()).isEqualTo(6);
    }

    @Test
    void answerWithBudget_warnsOnStderrAndKeepsStdoutClean() {
        world.configureAndLogin();
        Instant now = world.clock.instant();
        world.broker.stubFor(post("/v1/credentials").atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withHeader("Date", TestWorld.httpDate(now))
                .withBody("{\"accessKeyId\":\"ASIAWARN\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\""
                        + now.plus(Duration.ofMinutes(15)) + "\",\"region\":\"us-east-1\",\"budget\":{\"period\":\"month\","
                        + "\"used\":85.5,\"limit\":100,\"resetsAt\":\"2027-01-01T00:00:00Z\"}}")));

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ASIAWARN").doesNotContain("budget");
        assertThat(run.err()).isEqualTo("bedrock-broker: warning: 85 % of your monthly budget used ($85.50 of $100.00);"
                + " it resets at 2027-01-01T00:00:00Z.\n");
    }

    @Test
    void tokenAnswerWithBudget_warnsOnStderr() {
        world.configureAndLogin();
        Instant now = world.clock.instant();
        world.broker.stubFor(post("/v1/bearer-tokens").atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withHeader("Date", TestWorld.httpDate(now))
                .withBody("{\"token\":\"bedrock-api-key-x\",\"expiration\":\"" + now.plus(Duration.ofMinutes(15))
                        + "\",\"region\":\"us-east-1\",\"budget\":{\"period\":\"day\",\"used\":8,\"limit\":10,"
                        + "\"resetsAt\":\"" + RESET + "\"}}")));

        TestWorld.Run run = world.run("token");

        assertThat(run.out()).isEqualTo("bedrock-api-key-x\n");
        assertThat(run.err()).contains("warning: 80 % of your daily budget used ($8.00 of $10.00)");
    }
}
