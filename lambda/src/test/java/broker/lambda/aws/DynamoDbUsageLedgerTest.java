package broker.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.testing.Principals;
import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.usage.Attributor;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.IngestionResult;
import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerWrite;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.core.usage.UsagePrincipals;
import broker.lambda.core.usage.UsageTotals;
import broker.lambda.testing.Dynalite;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The usage ledger's items, expressions and reads against dynalite through the real SDK client. dynalite has no
 * {@code TransactWriteItems}: here each transaction's actions run one by one (the same Put and Update requests the
 * transaction holds); the transaction call itself is checked against WireMock in {@link DynamoDbUsageLedgerWireTest}.
 */
class DynamoDbUsageLedgerTest {
    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();
    static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    static final Owner ALICE = new Owner(Principals.ISSUER, "sub-alice", "alice", List.of("developers"), Owner.Kind.PERSON);
    static final String ALICE_ARN = "arn:aws:sts::123456789012:assumed-role/Role/alice-abcdefghijkl";
    static final String SONNET = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static DynamoDbClient client;
    private final DynamoDbUsageLedger ledger;
    private final UsageLedger sequential;
    private final UsageIngestion ingestion;

    DynamoDbUsageLedgerTest() {
        if (client == null) client = DYNAMO.client();
        String table = DYNAMO.createStateTable(client);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ledger = new DynamoDbUsageLedger(client, table, clock);
        sequential = new Sequential(ledger, client);
        ingestion = new UsageIngestion(PriceTable.defaults(), new Attributor(
                new UsagePrincipals("Role", "/bb/", Set.of()), names -> names.contains("alice-abcdefghijkl")
                        ? Map.of("alice-abcdefghijkl", ALICE) : Map.of(), names -> Map.of()),
                sequential, IngestionEvents.NONE, clock, UsageIngestion.DEFAULT_WINDOW);
    }

    @AfterAll
    static void closeClient() {
        if (client != null) client.close();
    }

    @Test
    void ingest_thenSpend_readsTheDayAndMonthTotalsInOneBatchGet() {
        ingest(record("r1", ALICE_ARN, 1000, 100), record("r2", ALICE_ARN, 2000, 200));

        Spend spend = ledger.spend(ALICE.key(), LocalDate.parse("2026-12-07"));

        assertThat(spend.day().total()).isEqualTo(new UsageTotals(2, 3000, 300, 0, 0, 13_500));
        assertThat(spend.month().total()).isEqualTo(spend.day().total());
        assertThat(spend.month().updatedAt()).isEqualTo(NOW);
    }

    @Test
    void usage_dayAndMonth_listTheModels() {
        ingest(record("r1", ALICE_ARN, 1000, 100), record("r2", ALICE_ARN, 10, 1)
                .replace(SONNET, "global.anthropic.claude-haiku-4-5-20251001-v1:0"));

        OwnerUsage day = ledger.usage(ALICE.key(), Period.day(LocalDate.parse("2026-12-07")));
        OwnerUsage month = ledger.usage(ALICE.key(), Period.month(YearMonth.of(2026, 12)));

        assertThat(day.byModel()).containsOnlyKeys("anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(month.byModel()).isEqualTo(day.byModel());
        assertThat(month.total().requests()).isEqualTo(2);
    }

    @Test
    void redelivery_isCountedOnce_andClaimsAreVisible() {
        ingest(record("r1", ALICE_ARN, 1000, 100));
        ingest(record("r1", ALICE_ARN, 1000, 100), record("r2", ALICE_ARN, 1, 1));

        assertThat(ledger.counted(List.of("r1", "r2", "r3"))).containsExactlyInAnyOrder("r1", "r2");
        assertThat(ledger.spend(ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(2);
    }

    @Test
    void claim_alreadyPresent_failsItsCondition() {
        ingest(record("r1", ALICE_ARN, 1, 1));
        TransactWriteItem claim = ledger.transactionItems(new LedgerBatch(List.of("r1"), NOW.plusSeconds(3600),
                List.of(), NOW, Map.of()), NOW).getFirst();

        assertThatThrownBy(() -> client.putItem(r -> r.tableName(claim.put().tableName()).item(claim.put().item())
                .conditionExpression(claim.put().conditionExpression())
                .expressionAttributeNames(claim.put().expressionAttributeNames())
                .expressionAttributeValues(claim.put().expressionAttributeValues())))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void month_listsOwnersWithWhoTheyAre_andUnattributed_andFallbackModels() {
        ingest(record("r1", ALICE_ARN, 1000, 100),
                record("r2", "arn:aws:iam::123456789012:user/someone", 5, 5).replace(SONNET, "meta.llama3-70b-instruct-v1:0"));

        List<OwnerTotals> rows = ledger.month(YearMonth.of(2026, 12));

        assertThat(rows).extracting(OwnerTotals::owner).containsExactlyInAnyOrder(ALICE, Owner.UNATTRIBUTED);
        assertThat(ledger.fallbackPriced(YearMonth.of(2026, 12))).containsExactly("meta.llama3-70b-instruct-v1:0");
    }

    @Test
    void nothingCounted_readsEmpty() {
        assertThat(ledger.spend("#nobody", LocalDate.parse("2026-12-07")).month().total()).isEqualTo(UsageTotals.ZERO);
        assertThat(ledger.usage("#nobody", Period.month(YearMonth.of(2026, 12))).updatedAt()).isNull();
        assertThat(ledger.month(YearMonth.of(2026, 11))).isEmpty();
    }

    private void ingest(String... records) {
        assertThat(ingestion.ingest(List.of(records))).isInstanceOf(IngestionResult.Ingested.class);
    }

    static String record(String id, String arn, long input, long output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"2026-12-07T21:59:00Z\","
                + "\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"" + arn + "\"},\"region\":\"us-east-1\","
                + "\"requestId\":\"" + id + "\",\"operation\":\"Converse\",\"modelId\":\"" + SONNET + "\","
                + "\"input\":{\"inputTokenCount\":" + input + "},\"output\":{\"outputTokenCount\":" + output + "}}";
    }

    /** The adapter, with each transaction's actions run one by one (dynalite has no TransactWriteItems). */
    private record Sequential(DynamoDbUsageLedger ledger, DynamoDbClient client) implements UsageLedger {
        @Override public int maxItemsPerWrite() { return ledger.maxItemsPerWrite(); }
        @Override public Set<String> counted(Collection<String> ids) { return ledger.counted(ids); }
        @Override public Spend spend(String owner, LocalDate day) { return ledger.spend(owner, day); }
        @Override public OwnerUsage usage(String owner, Period period) { return ledger.usage(owner, period); }
        @Override public List<OwnerTotals> month(YearMonth month) { return ledger.month(month); }
        @Override public Set<String> fallbackPriced(YearMonth month) { return ledger.fallbackPriced(month); }

        @Override
        public LedgerWrite apply(LedgerBatch batch) {
            List<TransactWriteItem> items = ledger.transactionItems(batch, NOW);
            for (TransactWriteItem item : items) {
                if (item.put() != null) {
                    var put = item.put();
                    client.putItem(r -> r.tableName(put.tableName()).item(put.item())
                            .conditionExpression(put.conditionExpression())
                            .expressionAttributeNames(put.expressionAttributeNames())
                            .expressionAttributeValues(put.expressionAttributeValues()));
                } else {
                    var update = item.update();
                    client.updateItem(r -> r.tableName(update.tableName()).key(update.key())
                            .updateExpression(update.updateExpression())
                            .expressionAttributeNames(update.hasExpressionAttributeNames() ? update.expressionAttributeNames() : null)
                            .expressionAttributeValues(update.expressionAttributeValues()));
                }
            }
            return new LedgerWrite.Applied(items.size() - batch.requestIds().size());
        }
    }
}
