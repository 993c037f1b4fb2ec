package broker.client.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.core.UsableModels;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models} through {@link BrokerClient#models(String)}. */
class BrokerClientModelsTest {
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private BrokerClient client() {
        return new BrokerClient(URI.create("http://127.0.0.1:" + server.port()),
                new JdkHttpTransport(Duration.ofSeconds(5), ProxySettings.from(Map.of())), "test");
    }

    @Test
    void models_catalogAnswer_readsEveryModelAndTheRecommendations() {
        server.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"models\":[{\"id\":\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\","
                        + "\"foundationModel\":\"anthropic.claude-sonnet-4-5-20250929-v1:0\",\"name\":\"Claude Sonnet 4.5\","
                        + "\"provider\":\"Anthropic\",\"streaming\":true,\"regions\":[\"us-east-1\",\"us-west-2\"]},"
                        + "{\"id\":\"amazon.nova-lite-v1:0\",\"foundationModel\":\"amazon.nova-lite-v1:0\",\"regions\":[]}],"
                        + "\"recommended\":{\"primary\":\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"},"
                        + "\"source\":\"catalog\",\"catalogFetchedAt\":\"2026-01-01T00:00:00Z\"}")));

        Result<UsableModels> result = client().models("id.token.x");

        assertThat(result).isEqualTo(Result.ok(new UsableModels(List.of(
                new UsableModels.Model("us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                        "anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", "Anthropic", true,
                        List.of("us-east-1", "us-west-2")),
                new UsableModels.Model("amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", null, null, false, List.of())),
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "", "catalog")));
        server.verify(getRequestedFor(urlPathEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer id.token.x")));
    }

    @Test
    void models_withoutModelsArray_isInvalidResponse() {
        server.stubFor(get("/v1/models").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"recommended\":{},\"source\":\"catalog\"}")));

        assertThat(client().models("t")).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.InvalidResponse.class));
    }

    @Test
    void models_notEntitled_isRefusedWithTheProblemType() {
        server.stubFor(get("/v1/models").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/not-entitled\",\"title\":\"Not entitled\","
                        + "\"status\":403}")));

        assertThat(client().models("t")).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.Refused.class, refused -> assertThat(refused.status()).isEqualTo(403)));
    }
}
