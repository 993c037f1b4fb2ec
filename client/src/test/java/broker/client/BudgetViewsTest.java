package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whoami}, {@code status}, {@code doctor} and {@code usage} show the budget of {@code GET /v1/me}, on stdout. */
class BudgetViewsTest {
    static final String ME = "{\"subject\":\"alice\",\"userName\":\"alice\",\"email\":\"alice@example.com\","
            + "\"groups\":[\"developers\"],\"entitlement\":{\"models\":[\"anthropic.claude-haiku\"],"
            + "\"regions\":[\"us-east-1\"],\"grants\":[],\"maxSessionSeconds\":3600,\"shortTermKeys\":true,"
            + "\"longTermKeys\":{\"allowed\":false},\"admin\":false},"
            + "\"budget\":{\"dailyUsd\":10,\"warnAtPercent\":[80,90],\"periods\":[{\"period\":\"day\",\"used\":8.52,"
            + "\"limit\":10,\"resetsAt\":\"2026-12-09T00:00:00Z\",\"state\":\"ok\"}],\"state\":\"warned\"}}";
    static final String SUMMARY = "daily $10.00: $8.52 used (85 %), resets 2026-12-09T00:00:00Z; monthly: none;"
            + " above a warning threshold";

    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.configureAndLogin();
        world.broker.stubFor(get("/v1/me").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(ME)));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void whoami_showsTheBudgetLine() {
        TestWorld.Run run = world.run("whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Budget:           " + SUMMARY + "\n");
    }

    @Test
    void status_showsTheBudgetLine() {
        TestWorld.Run run = world.run("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Budget:       " + SUMMARY + "\n");
    }

    @Test
    void usage_showsTheBudgetUnderTheTable() {
        world.broker.stubFor(get("/v1/usage").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"today\":{\"period\":\"2026-12-08\",\"costUsd\":8.52,\"requests\":3,\"inputTokens\":1,"
                        + "\"outputTokens\":1,\"cacheReadTokens\":0,\"cacheWriteTokens\":0,\"byModel\":[]},"
                        + "\"month\":{\"period\":\"2026-12\",\"costUsd\":8.52,\"requests\":3,\"inputTokens\":1,"
                        + "\"outputTokens\":1,\"cacheReadTokens\":0,\"cacheWriteTokens\":0,\"byModel\":[]},"
                        + "\"updatedAt\":\"2026-12-08T01:00:00Z\"}")));

        TestWorld.Run run = world.run("usage");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("Budget: " + SUMMARY + "\n");
    }

    @Test
    void doctor_warnsNearTheCap() {
        TestWorld.Run run = world.run("doctor");

        assertThat(run.out() + run.err()).contains("Budget").contains(SUMMARY).contains("bedrock-broker usage");
    }

    @Test
    void whoami_withoutABudget_showsNoBudgetLine() {
        world.broker.stubFor(get("/v1/me").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"subject\":\"bob\",\"groups\":[],\"entitlement\":null}")));

        assertThat(world.run("whoami").out()).doesNotContain("Budget");
    }
}
