package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.LedgerWrite;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.UsageTotals;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ledger's one {@code TransactWriteItems} per batch, through the real SDK against WireMock. */
class DynamoDbUsageLedgerWireTest {
    private static final String TARGET = "DynamoDB_20120810.TransactWriteItems";
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    private static final Owner ALICE = new Owner(Principals.ISSUER, "sub-alice", "alice", List.of("developers"), Owner.Kind.PERSON);

    @RegisterExtension
    static final WireMockExtension DYNAMO = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(DynamoDbClient.builder()
            .region(Region.US_EAST_1).endpointOverride(URI.create(DYNAMO.baseUrl()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
            .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .build(), "state", Clock.fixed(NOW, ZoneOffset.UTC));

    private final LedgerBatch batch = new LedgerBatch(List.of("r1", "r2"), NOW.plusSeconds(86_400),
            List.of(new LedgerDelta(ALICE, Period.dayOf(NOW), LedgerDelta.ALL_MODELS, new UsageTotals(2, 10, 5, 0, 0, 105))),
            NOW, Map.of(YearMonth.of(2026, 12), Set.of("meta.llama3-70b-instruct-v1:0")));

    @Test
    void apply_sendsOneTransaction_claimsFirstThenRowsThenWarnings() throws Exception {
        DYNAMO.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{}")));

        LedgerWrite write = ledger.apply(batch);

        assertThat(write).isEqualTo(new LedgerWrite.Applied(2));
        JsonNode sent = new ObjectMapper().readTree(DYNAMO.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        JsonNode items = sent.get("TransactItems");
        assertThat(items).hasSize(4);
        assertThat(items.get(0).get("Put").get("Item").get("pk").get("S").asText()).isEqualTo("usage-request#r1");
        assertThat(items.get(0).get("Put").get("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#pk) OR #ttl < :now");
        assertThat(items.get(2).get("Update").get("Key").get("pk").get("S").asText()).isEqualTo("usage#" + Principals.principal("sub-alice").key());
        assertThat(items.get(2).get("Update").get("UpdateExpression").asText()).startsWith("ADD requests :requests");
        assertThat(items.get(3).get("Update").get("Key").get("sk").get("S").asText()).isEqualTo("~fallback");
        DYNAMO.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void apply_claimConditionFailed_isAlreadyCountedNamingTheRequestId() {
        DYNAMO.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons"
                        + " [None, ConditionalCheckFailed, None, None]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                        + "{\"Code\":\"ConditionalCheckFailed\"},{\"Code\":\"None\"},{\"Code\":\"None\"}]}")));

        assertThat(ledger.apply(batch)).isEqualTo(new LedgerWrite.AlreadyCounted(Set.of("r2")));
    }

    @Test
    void apply_transactionConflict_isUnavailable() {
        DYNAMO.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                        + "{\"Code\":\"None\"},{\"Code\":\"TransactionConflict\"},{\"Code\":\"None\"}]}")));

        assertThat(ledger.apply(batch)).isEqualTo(new LedgerWrite.Unavailable("transaction cancelled: TransactionConflict"));
    }

    @Test
    void apply_serverError_isUnavailableWithoutContent() {
        DYNAMO.stubFor(post("/").willReturn(aResponse().withStatus(500).withBody("{}")));

        assertThat(ledger.apply(batch)).isInstanceOfSatisfying(LedgerWrite.Unavailable.class,
                u -> assertThat(u.reason()).doesNotContain("sub-alice"));
    }
}
