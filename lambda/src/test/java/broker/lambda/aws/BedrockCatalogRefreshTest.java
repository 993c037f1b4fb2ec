package broker.lambda.aws;

import static broker.lambda.aws.BedrockWire.error;
import static broker.lambda.aws.BedrockWire.inRegion;
import static broker.lambda.aws.BedrockWire.profiles;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogEvents;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.RefreshingModelCatalog;
import broker.lambda.testing.TestClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/** The refreshing catalog over the real Bedrock clients of two regions, against WireMock: no sleeps, a hand-moved clock. */
class BedrockCatalogRefreshTest {

    @RegisterExtension
    static final WireMockExtension BEDROCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

    final TestClock clock = new TestClock(START);
    final List<String> failures = new ArrayList<>();
    final Map<String, BedrockClient> clients = new LinkedHashMap<>();
    RefreshingModelCatalog catalog;

    @BeforeEach
    void setUp() {
        REGIONS.forEach(region -> clients.put(region, BedrockWire.client(region, URI.create(BEDROCK.baseUrl()))));
        REGIONS.forEach(region -> BedrockWire.stubCatalog(BEDROCK, region));
        CatalogEvents events = new CatalogEvents() {
            @Override public void loaded(CatalogSnapshot snapshot) {}
            @Override public void refreshFailed(String region, String reason, CatalogSnapshot kept) {
                failures.add(region + " " + reason);
            }
            @Override public void recovered(CatalogSnapshot snapshot) {}
        };
        catalog = new RefreshingModelCatalog(new BedrockModelCatalog(clients), REGIONS, clock,
                RefreshingModelCatalog.Timing.DEFAULT, Runnable::run, events);
    }

    @AfterEach
    void tearDown() {
        clients.values().forEach(BedrockClient::close);
    }

    @Test
    void current_firstLoad_readsEveryRegionWithItsOwnSignedClient() {
        var snapshot = catalog.current();

        assertThat(snapshot).get().satisfies(s -> {
            assertThat(s.regions()).containsOnlyKeys(REGIONS.toArray(String[]::new));
            assertThat(s.region("us-west-2").orElseThrow().inferenceProfiles()).hasSize(4);
        });
        for (String region : REGIONS) {
            assertThat(BEDROCK.findAll(getRequestedFor(urlPathEqualTo("/foundation-models"))
                    .withHeader("Authorization", containing("/" + region + "/bedrock/aws4_request")))).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "429, ThrottlingException, Too many requests, please wait before trying again.",
            "500, InternalServerException, An internal server error occurred.",
            "503, ServiceUnavailableException, Service is unavailable."})
    void refresh_whenBedrockFailsLater_keepsTheLastGoodSnapshotAndReportsOnce(int status, String code, String message) {
        catalog.refresh();
        BEDROCK.stubFor(inRegion(profiles("SYSTEM_DEFINED"), "us-west-2").willReturn(error(status, code, message)));
        clock.advance(Duration.ofMinutes(15));

        boolean first = catalog.refresh();
        clock.advance(Duration.ofMinutes(15));
        boolean second = catalog.refresh();

        assertThat(first).isFalse();
        assertThat(second).isFalse();
        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt).isEqualTo(START);
        assertThat(failures).containsExactly("us-west-2 " + code);
    }

    @Test
    void current_whenTheFirstLoadFails_returnsEmptyAndTheNextRefreshLoads() {
        BEDROCK.stubFor(inRegion(BedrockWire.foundationModels(), "us-east-1")
                .willReturn(error(503, "ServiceUnavailableException", "Service is unavailable.")));

        assertThat(catalog.current()).isEmpty();

        BEDROCK.resetAll();
        REGIONS.forEach(region -> BedrockWire.stubCatalog(BEDROCK, region));
        clock.advance(Duration.ofMinutes(15));
        catalog.refresh();

        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt)
                .isEqualTo(START.plus(Duration.ofMinutes(15)));
    }
}
