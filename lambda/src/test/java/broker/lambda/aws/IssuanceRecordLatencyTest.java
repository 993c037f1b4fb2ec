package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.testing.Principals;
import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.issuance.CredentialsRequest;
import broker.lambda.core.issuance.CredentialsService;
import broker.lambda.core.issuance.Issuance;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.testing.Dynalite;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the record of each issuance costs the credentials route: the real STS client on WireMock (answering after
 * {@value #STS_MILLIS} ms, a fast regional AssumeRole) and the real DynamoDB adapter on dynalite, with the record written
 * beside the STS call (as the functions do), after it in line (for comparison), and not at all. Prints p50/p99 per
 * mode (docs/state.md quotes them); asserts only that every issuance was recorded, as timing depends on the machine.
 */
class IssuanceRecordLatencyTest {
    static final int STS_MILLIS = 20;
    static final int ROUNDS = 200;

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();
    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void credentials_recordedBesideSts_costsLittleMoreThanSts() throws Exception {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(STS_MILLIS)
                .withHeader("Content-Type", "text/xml").withBody(IamWire.resource("sts/assume-role-response.xml"))));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DynamoDbClient dynamo = DYNAMO.client();
             StsClient sts = AwsClients.client(StsClient.builder(), AwsClients.Connection.of("us-east-1", URI.create(STS.baseUrl()), StaticCredentialsProvider.create(
                     AwsBasicCredentials.create(IamWire.BROKER_KEY_ID, "broker-secret-example"))))) {
            DynamoDbBrokerState state = new DynamoDbBrokerState(dynamo, DYNAMO.createStateTable(dynamo));
            List<RuntimeException> failures = new ArrayList<>();
            CredentialsService none = service(sts, IssuanceRecorder.NONE);
            CredentialsService beside = service(sts, new IssuanceRecorder(state, pool, failures::add, Duration.ofSeconds(2)));
            CredentialsService inLine = service(sts, new IssuanceRecorder(state, Runnable::run, failures::add, Duration.ofSeconds(2)));

            for (int i = 0; i < ROUNDS / 2; i++) {
                issue(none, i);
                issue(beside, i);
                issue(inLine, i);
            }
            long[][] millis = new long[3][ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                millis[0][i] = issue(none, i);
                millis[1][i] = issue(beside, i);
                millis[2][i] = issue(inLine, i);
            }

            System.out.printf("issuance (STS %d ms): none %s | record beside STS %s | record in line %s%n", STS_MILLIS,
                    stats(millis[0]), stats(millis[1]), stats(millis[2]));
            assertThat(failures).isEmpty();
            for (int i = 0; i < ROUNDS; i++) {
                assertThat(state.person(Principals.principal("sub-" + i).key())).map(PersonRecord::lastKind).contains(IssuanceKind.CREDENTIALS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long issue(CredentialsService service, int i) {
        long start = System.nanoTime();
        Issuance issued = service.credentials(Principals.person("sub-" + i, "user" + i, "user" + i + "@example.com",
                List.of("developers")), CredentialsRequest.DEFAULTS);
        long micros = (System.nanoTime() - start) / 1000;
        assertThat(issued).isInstanceOf(Issuance.CredentialsIssued.class);
        return micros;
    }

    private static String stats(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms p99 %.1f ms", sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0);
    }

    private static CredentialsService service(StsClient sts, IssuanceRecorder recorder) throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                 "regions":["us-east-1"]}}}""");
        return new CredentialsService(document, new StsCredentialIssuer(sts, "arn:aws:iam::123456789012:role/bedrock-broker-users"),
                (credentials, region, at, lifetime) -> new BearerToken("bedrock-api-key-x", region, at.plus(lifetime)),
                new BedrockAccount("aws", "123456789012"), "us-east-1", Clock.systemUTC(), ModelCatalog.NONE,
                ModelPreferences.DEFAULT, recorder, BudgetGate.OFF);
    }
}
