package broker.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.Attributor;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.MemoryUsageLedger;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.SessionOwners;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsagePrincipals;
import broker.lambda.snapstart.KeysPriming;
import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.wiring.BrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage ingestion handler on real subscription events, over the core ingestion and an in-memory ledger. */
class UsageIngestHandlerTest {
    static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    static final String ROLE = "BedrockBrokerUserRole";
    static final String SONNET = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final Owner ALICE = new Owner("https://idp.example.com", "sub-alice", "alice", List.of("developers"),
            Owner.Kind.PERSON);

    private final MemoryUsageLedger ledger = new MemoryUsageLedger();
    @TempDir
    Path dir;

    @Test
    void handleRequest_dataMessage_countsItsRecordsIntoTheOwnersLedger() {
        String answer = handler(sessions()).handleRequest(SubscriptionEvents.data(List.of(
                record("r1", "alice-abcdefghijkl", 1000, 100), record("r2", "alice-abcdefghijkl", 2000, 200))), null);

        assertThat(answer).isEqualTo("counted 2 of 2");
        assertThat(ledger.spend(ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(2);
    }

    @Test
    void handleRequest_redeliveredEvent_countsNothingTheSecondTime() {
        var handler = handler(sessions());
        var event = SubscriptionEvents.data(List.of(record("r1", "alice-abcdefghijkl", 1000, 100)));

        handler.handleRequest(event, null);
        String again = handler.handleRequest(event, null);

        assertThat(again).isEqualTo("counted 0 of 1");
        assertThat(ledger.spend(ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(1);
    }

    @Test
    void handleRequest_malformedRecord_isSkippedAndTheRestCounted() {
        String answer = handler(sessions()).handleRequest(SubscriptionEvents.data(List.of(
                "{not json", record("r2", "alice-abcdefghijkl", 10, 1))), null);

        assertThat(answer).isEqualTo("counted 1 of 2");
    }

    @Test
    void handleRequest_controlMessage_countsNothing() {
        assertThat(handler(sessions()).handleRequest(SubscriptionEvents.control(), null)).isEqualTo("counted 0 of 0");
        assertThat(ledger.rows).isEmpty();
    }

    @Test
    void handleRequest_attributionUnavailable_failsTheInvocationSoLambdaRetriesIt() {
        SessionOwners down = names -> {
            throw new StateUnavailableException("DynamoDB unreachable", null);
        };
        var handler = handler(down);
        var event = SubscriptionEvents.data(List.of(record("r1", "alice-abcdefghijkl", 1000, 100)));

        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delivery to be retried");
        assertThat(ledger.rows).isEmpty();
        assertThat(handler(sessions()).handleRequest(event, null)).isEqualTo("counted 1 of 1");
    }

    @Test
    void handleRequest_eventThatIsNoSubscription_failsWithoutCountingAnything() {
        assertThatThrownBy(() -> handler(sessions()).handleRequest(Map.of("detail-type", "Scheduled Event"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.rows).isEmpty();
    }

    @Test
    void beforeCheckpoint_primesOverItsOwnIngestion_leavingTheFunctionsLedgerUntouched() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, broker.lambda.wiring.ApiKeysWiringTest.ENTITLEMENTS);
        Map<String, String> env = Map.of("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/" + ROLE,
                "AWS_REGION", "us-east-1", "BROKER_ENTITLEMENTS_FILE", file.toString(),
                "BROKER_ISSUER", "https://idp.example.com", "BROKER_CLIENT_ID", "cli");
        BrokerConfig config = BrokerConfig.fromEnvironment(env);
        List<List<Integer>> primed = new ArrayList<>();
        var handler = new UsageIngestHandler(ingestion(sessions()), () -> {
            PrimingPlan plan = KeysPriming.usageIngest(config, env, UsageIngestHandler::handling);
            return new PrimingPlan(List.of(() -> {
                primed.add(plan.run());
                return 0;
            }), () -> { });
        });

        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        assertThat(primed).containsExactly(List.of(200));
        assertThat(ledger.rows).isEmpty();
        assertThat(handler.handleRequest(SubscriptionEvents.data(List.of(record("r1", "alice-abcdefghijkl", 1000, 100))),
                null)).isEqualTo("counted 1 of 1");
    }

    private UsageIngestHandler handler(SessionOwners sessions) {
        return new UsageIngestHandler(ingestion(sessions));
    }

    private UsageIngestion ingestion(SessionOwners sessions) {
        var attributor = new Attributor(new UsagePrincipals(ROLE, "/bedrock-broker/users/", Set.of("123456789012")),
                sessions, names -> Map.of());
        return new UsageIngestion(PriceTable.defaults(), attributor, ledger, IngestionEvents.NONE,
                Clock.fixed(NOW, ZoneOffset.UTC), UsageIngestion.DEFAULT_WINDOW);
    }

    private static SessionOwners sessions() {
        return names -> {
            Map<String, Owner> found = new HashMap<>();
            if (names.contains("alice-abcdefghijkl")) found.put("alice-abcdefghijkl", ALICE);
            return found;
        };
    }

    private static String record(String requestId, String session, long input, long output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\""
                + NOW.minusSeconds(5) + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":"
                + "\"arn:aws:sts::123456789012:assumed-role/" + ROLE + "/" + session + "\"},\"region\":\"us-east-1\","
                + "\"requestId\":\"" + requestId + "\",\"operation\":\"Converse\",\"modelId\":\"" + SONNET + "\","
                + "\"input\":{\"inputTokenCount\":" + input + "},\"output\":{\"outputTokenCount\":" + output + "}}";
    }
}
