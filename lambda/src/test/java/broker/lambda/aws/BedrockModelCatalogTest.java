package broker.lambda.aws;

import static broker.lambda.aws.BedrockWire.FAST;
import static broker.lambda.aws.BedrockWire.error;
import static broker.lambda.aws.BedrockWire.foundationModels;
import static broker.lambda.aws.BedrockWire.json;
import static broker.lambda.aws.BedrockWire.profiles;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogSource.RegionFetch;
import broker.lambda.core.catalog.FoundationModelEntry;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.RegionCatalog;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/** The real Bedrock control-plane client against WireMock stubs of its REST-JSON API. */
class BedrockModelCatalogTest {

    @RegisterExtension
    static final WireMockExtension BEDROCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String REGION = "us-east-1";
    static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private BedrockClient client;
    private BedrockModelCatalog catalog;

    @BeforeEach
    void setUp() {
        client = BedrockWire.client(REGION, URI.create(BEDROCK.baseUrl()));
        catalog = new BedrockModelCatalog(Map.of(REGION, client));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void fetch_whenBedrockAnswers_returnsEveryFoundationModelWithItsInferenceTypes() {
        BedrockWire.stubCatalog(BEDROCK, REGION);

        RegionCatalog fetched = fetched(catalog.fetch(REGION));

        assertThat(fetched.foundationModels()).hasSize(5);
        assertThat(fetched.foundationModel(SONNET)).contains(new FoundationModelEntry(SONNET,
                "arn:aws:bedrock:us-east-1::foundation-model/" + SONNET, "Claude Sonnet 4.5", "Anthropic",
                true, false, true));
        assertThat(fetched.foundationModel("amazon.nova-micro-v1:0")).get()
                .extracting(FoundationModelEntry::onDemand).isEqualTo(true);
        assertThat(fetched.foundationModel("anthropic.claude-3-haiku-20240307-v1:0")).get()
                .extracting(FoundationModelEntry::active).isEqualTo(false);
        assertThat(fetched.foundationModel("amazon.titan-embed-text-v2:0")).get()
                .extracting(FoundationModelEntry::streaming).isEqualTo(false);
    }

    @Test
    void fetch_whenProfilesSpanTwoPages_returnsBothPagesAndTheApplicationProfiles() {
        BedrockWire.stubCatalog(BEDROCK, REGION);

        RegionCatalog fetched = fetched(catalog.fetch(REGION));

        assertThat(fetched.inferenceProfiles()).extracting(InferenceProfileEntry::id).containsExactly(
                "us." + SONNET, "global." + SONNET, "us.anthropic.claude-haiku-4-5-20251001-v1:0", "a1b2c3d4e5f6");
        assertThat(fetched.inferenceProfile("us." + SONNET)).contains(new InferenceProfileEntry("us." + SONNET,
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us." + SONNET,
                "US Anthropic Claude Sonnet 4.5", true, true, List.of(
                        "arn:aws:bedrock:us-east-1::foundation-model/" + SONNET,
                        "arn:aws:bedrock:us-east-2::foundation-model/" + SONNET,
                        "arn:aws:bedrock:us-west-2::foundation-model/" + SONNET)));
        assertThat(fetched.inferenceProfile("a1b2c3d4e5f6")).get()
                .extracting(InferenceProfileEntry::systemDefined).isEqualTo(false);
    }

    @Test
    void fetch_always_asksForEachProfileTypeInLargePagesAndFollowsTheNextToken() {
        BedrockWire.stubCatalog(BEDROCK, REGION);

        catalog.fetch(REGION);

        List<String> queries = BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/inference-profiles"))).stream()
                .map(LoggedRequest::getUrl).toList();
        assertThat(queries).containsExactly(
                "/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED",
                "/inference-profiles?maxResults=1000&nextToken=c3lzdGVtLXBhZ2UtMg%3D%3D&type=SYSTEM_DEFINED",
                "/inference-profiles?maxResults=1000&type=APPLICATION");
        assertThat(BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/foundation-models")))).hasSize(1);
    }

    @Test
    void fetch_always_signsForBedrockInTheCatalogsRegion() {
        BedrockWire.stubCatalog(BEDROCK, REGION);

        catalog.fetch(REGION);

        assertThat(BEDROCK.getAllServeEvents()).isNotEmpty().allSatisfy(event ->
                assertThat(event.getRequest().getHeader("Authorization"))
                        .startsWith("AWS4-HMAC-SHA256 Credential=" + BedrockWire.BROKER_KEY_ID + "/")
                        .contains("/" + REGION + "/bedrock/aws4_request"));
    }

    @Test
    void fetch_whenThrottledOnceThenAnswered_returnsFetched() {
        BedrockWire.stubCatalog(BEDROCK, REGION);
        BEDROCK.stubFor(foundationModels().inScenario("throttle once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, "ThrottlingException", "Too many requests, please wait before trying again."))
                .willSetStateTo("throttled"));
        BEDROCK.stubFor(foundationModels().inScenario("throttle once").whenScenarioStateIs("throttled")
                .willReturn(json("bedrock/list-foundation-models.json")));

        RegionFetch fetch = catalog.fetch(REGION);

        assertThat(fetch).isInstanceOf(RegionFetch.Fetched.class);
        assertThat(BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/foundation-models")))).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({
            "429, ThrottlingException, Too many requests, please wait before trying again.",
            "500, InternalServerException, An internal server error occurred.",
            "503, ServiceUnavailableException, Service is unavailable."})
    void fetch_whenBedrockKeepsFailingTransiently_returnsFailedWithTheCodeAfterSdkRetries(int status, String code,
                                                                                           String message) {
        BedrockWire.stubCatalog(BEDROCK, REGION);
        BEDROCK.stubFor(profiles("SYSTEM_DEFINED").willReturn(error(status, code, message)));

        RegionFetch fetch = catalog.fetch(REGION);

        assertThat(fetch).isEqualTo(new RegionFetch.Failed(code));
        assertThat(BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/inference-profiles")))).hasSize(FAST.maxAttempts());
    }

    @Test
    void fetch_whenAccessDenied_returnsFailedWithoutRetrying() {
        BEDROCK.stubFor(foundationModels().willReturn(error(403, "AccessDeniedException",
                "User is not authorized to perform: bedrock:ListFoundationModels")));

        RegionFetch fetch = catalog.fetch(REGION);

        assertThat(fetch).isEqualTo(new RegionFetch.Failed("AccessDeniedException"));
        assertThat(BEDROCK.getAllServeEvents()).hasSize(1);
    }

    @Test
    void fetch_whenConnectionIsReset_returnsFailedUnreachable() {
        BEDROCK.stubFor(foundationModels().willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(catalog.fetch(REGION)).isEqualTo(new RegionFetch.Failed("unreachable"));
    }

    @Test
    void fetch_whenNothingListens_returnsFailedUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (BedrockClient unreachable = BedrockWire.client(REGION, URI.create("http://127.0.0.1:" + closedPort))) {

            RegionFetch fetch = new BedrockModelCatalog(Map.of(REGION, unreachable)).fetch(REGION);

            assertThat(fetch).isEqualTo(new RegionFetch.Failed("unreachable"));
        }
    }

    @Test
    void fetch_regionWithoutClient_returnsFailedWithoutCallingBedrock() {
        assertThat(catalog.fetch("eu-west-1")).isEqualTo(new RegionFetch.Failed("no client for eu-west-1"));
        assertThat(BEDROCK.getAllServeEvents()).isEmpty();
    }

    private static RegionCatalog fetched(RegionFetch fetch) {
        assertThat(fetch).isInstanceOf(RegionFetch.Fetched.class);
        return ((RegionFetch.Fetched) fetch).catalog();
    }
}
