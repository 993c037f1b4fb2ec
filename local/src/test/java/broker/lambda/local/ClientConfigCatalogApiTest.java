package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.catalog.RefreshingModelCatalog;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code GET /v1/client-config}'s recommended models through the local broker with the model catalog on: the real
 * Bedrock client against WireMock answering {@code GET /foundation-models} and {@code GET /inference-profiles} with
 * the API reference's bodies (under {@code src/test/resources/bedrock/}).
 */
class ClientConfigCatalogApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SONNET_PROFILE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String HAIKU_PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String OLD_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String NEXT_TOKEN = "c3lzdGVtLXBhZ2UtMg==";
    /** Families only: the ids to invoke exist only in the catalog. */
    static final String ENTITLEMENTS = """
            {"version":1,
             "default":{"models":["anthropic.claude-sonnet-4-5*","anthropic.claude-haiku-4-5*","anthropic.claude-3-haiku*"],
                        "regions":["us-east-1"]},
             "groups":{"developers":{"models":["us.anthropic.claude-opus-4-1-20250805-v1:0"],"regions":["us-east-1"]}}}""";

    @RegisterExtension
    static final WireMockExtension BEDROCK = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    OidcFixture oidc;
    HttpClient http;
    RunningBroker broker;

    @BeforeEach
    void start() throws Exception {
        stubCatalog(json("bedrock/list-inference-profiles-system-2.json"));
        oidc = new OidcFixture();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path entitlements = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        // Refreshed every 100 ms, so that a changed stub shows within the test.
        var timing = new RefreshingModelCatalog.Timing(Duration.ofMillis(100), Duration.ofHours(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1));
        var config = new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-users", "us-east-1",
                BrokerConfig.loadEntitlements(entitlements), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(oidc.issuer(), OidcFixture.AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "us.anthropic.claude-opus-4-1-20250805-v1:0", ""),
                null, null)
                .withCatalog(new BrokerConfig.CatalogSettings(true, URI.create(BEDROCK.baseUrl()), timing,
                        ModelPreferences.DEFAULT));
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBROKER", "broker-secret")),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterEach
    void stop() {
        broker.close();
        http.close();
        oidc.close();
    }

    @Test
    void clientConfig_recommendsTheProfileIdsTheCatalogResolvesTheDefaultProfileTo() throws Exception {
        JsonNode models = fetch("/v1/client-config", null).get("models");

        // The configured primary (Opus) is only the developers' group's: skipped for the default profile.
        assertThat(models.get("primary").asText()).isEqualTo(SONNET_PROFILE);
        assertThat(models.get("fast").asText()).isEqualTo(HAIKU_PROFILE);
        assertThat(BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/foundation-models")))).isNotEmpty();
    }

    @Test
    void clientConfig_isWhatModelsRecommendsToAUserWithTheDefaultProfileOnly() throws Exception {
        JsonNode clientConfig = fetch("/v1/client-config", null).get("models");
        JsonNode models = fetch("/v1/models", oidc.token(Map.of("email", "bob@example.com", "groups", List.of("staff"))));

        assertThat(models.get("source").asText()).isEqualTo("catalog");
        assertThat(clientConfig.get("primary").asText()).isEqualTo(models.at("/recommended/primary").asText());
        assertThat(clientConfig.get("fast").asText()).isEqualTo(models.at("/recommended/fast").asText());
    }

    @Test
    void clientConfig_catalogLosesTheHaikuProfile_recommendsTheNextFastModelAfterARefresh() throws Exception {
        assertThat(fetch("/v1/client-config", null).at("/models/fast").asText()).isEqualTo(HAIKU_PROFILE);

        stubCatalog(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"inferenceProfileSummaries\":[]}"));

        assertThat(fastModelOnceChanged(HAIKU_PROFILE, Duration.ofSeconds(10))).isEqualTo(OLD_HAIKU);
        assertThat(fetch("/v1/client-config", null).at("/models/primary").asText()).isEqualTo(SONNET_PROFILE);
    }

    /** The second page of system-defined profiles (where Haiku 4.5's is) answers {@code secondPage}. */
    void stubCatalog(ResponseDefinitionBuilder secondPage) {
        BEDROCK.stubFor(get(urlPathEqualTo("/foundation-models")).willReturn(json("bedrock/list-foundation-models.json")));
        BEDROCK.stubFor(get(urlPathEqualTo("/inference-profiles")).withQueryParam("type", equalTo("SYSTEM_DEFINED"))
                .withQueryParam("nextToken", absent())
                .willReturn(json("bedrock/list-inference-profiles-system-1.json")));
        BEDROCK.stubFor(get(urlPathEqualTo("/inference-profiles")).withQueryParam("type", equalTo("SYSTEM_DEFINED"))
                .withQueryParam("nextToken", equalTo(NEXT_TOKEN)).willReturn(secondPage));
        BEDROCK.stubFor(get(urlPathEqualTo("/inference-profiles")).withQueryParam("type", equalTo("APPLICATION"))
                .willReturn(json("bedrock/list-inference-profiles-application.json")));
    }

    /** Polls the client-config until its fast model is no longer {@code before}, at most {@code limit}. */
    String fastModelOnceChanged(String before, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        String fast = before;
        while (fast.equals(before) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            fast = fetch("/v1/client-config", null).at("/models/fast").asText();
        }
        return fast;
    }

    JsonNode fetch(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static ResponseDefinitionBuilder json(String resource) {
        try (InputStream in = ClientConfigCatalogApiTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
