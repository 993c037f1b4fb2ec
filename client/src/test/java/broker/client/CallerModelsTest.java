package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env} and {@code setup claude} name the signed-in user's own models ({@code GET /v1/models}). */
class CallerModelsTest {
    private static final String CONFIG_PRIMARY = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String OPUS = "eu.anthropic.claude-opus-4-1-20250805-v1:0";
    private static final String HAIKU = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String SONNET_4 = "eu.anthropic.claude-sonnet-4-20250514-v1:0";

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

    private void stubModels(String recommended, String... ids) {
        var models = new StringBuilder();
        for (String id : ids) {
            models.append(models.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"foundationModel\":\"")
                    .append(id.substring(3)).append("\",\"regions\":[\"eu-west-1\"]}");
        }
        world.broker.stubFor(get("/v1/models").withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"models\":["
                        + models + "],\"recommended\":{" + recommended + "},\"source\":\"catalog\"}")));
    }

    @Test
    void env_signedIn_namesTheRecommendedModelsOfTheCallersList() {
        world.configureAndLogin();
        stubModels("\"primary\":\"" + OPUS + "\",\"fast\":\"" + HAIKU + "\"", SONNET_4, OPUS, HAIKU);

        TestWorld.Run run = world.run("env", "--shell", "bash");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("export ANTHROPIC_MODEL='" + OPUS + "'\n",
                "export ANTHROPIC_DEFAULT_HAIKU_MODEL='" + HAIKU + "'\n", "export ANTHROPIC_SMALL_FAST_MODEL='" + HAIKU + "'\n");
        assertThat(run.err()).doesNotContain("default model ids");
        assertThat(world.broker.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/models")).build()).getCount())
                .isEqualTo(1);
    }

    @Test
    void setupClaude_signedIn_writesTheRecommendedModels() throws Exception {
        world.configureAndLogin();
        stubModels("\"primary\":\"" + OPUS + "\",\"fast\":\"" + HAIKU + "\"", OPUS, HAIKU);

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(home.resolve(".claude/settings.json")))
                .contains("\"ANTHROPIC_MODEL\": \"" + OPUS + "\"", "\"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"" + HAIKU + "\"")
                .doesNotContain(CONFIG_PRIMARY);
    }

    @Test
    void setupClaude_noRecommendation_choosesFromTheListAndNeverTheClientConfigModel() throws Exception {
        world.configureAndLogin();
        stubModels("", SONNET_4, "amazon.nova-pro-v1:0");

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(home.resolve(".claude/settings.json")))
                .contains("\"ANTHROPIC_MODEL\": \"" + SONNET_4 + "\"")
                .doesNotContain(CONFIG_PRIMARY).doesNotContain("ANTHROPIC_DEFAULT_HAIKU_MODEL");
    }

    @Test
    void env_olderBrokerWithoutTheRoute_fallsBackToClientConfigWithANote() {
        world.configureAndLogin();

        TestWorld.Run run = world.run("env", "--shell", "bash");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("export ANTHROPIC_MODEL='" + CONFIG_PRIMARY + "'\n");
        assertThat(run.err().lines().filter(line -> line.contains("default model ids")))
                .containsExactly("bedrock-broker: note: using the broker's default model ids, not your own list (the"
                        + " broker does not serve GET /v1/models yet).");
    }

    @Test
    void setupClaude_brokerUnreachable_fallsBackToClientConfigWithANote() throws Exception {
        world.configureAndLogin();
        world.broker.stop();

        TestWorld.Run run = world.run("setup", "claude");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(home.resolve(".claude/settings.json")))
                .contains("\"ANTHROPIC_MODEL\": \"" + CONFIG_PRIMARY + "\"");
        assertThat(run.err()).containsOnlyOnce("bedrock-broker: note: using the broker's default model ids")
                .contains("is unreachable");
    }

    @Test
    void env_notSignedIn_fallsBackToClientConfigWithANote() {
        world.run("configure", "--url", world.brokerUrl());

        TestWorld.Run run = world.run("env", "--shell", "bash");

        assertThat(run.out()).contains("export ANTHROPIC_MODEL='" + CONFIG_PRIMARY + "'\n");
        assertThat(run.err()).contains("default model ids, not your own list (you are not signed in)");
        assertThat(world.broker.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/models")).build()).getCount())
                .isZero();
    }
}
