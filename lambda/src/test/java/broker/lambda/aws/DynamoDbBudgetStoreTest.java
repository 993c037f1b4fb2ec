package broker.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.BudgetOverride;
import broker.lambda.core.budget.BudgetReading;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.Period;
import broker.lambda.testing.Dynalite;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The budget items on the state table, through the real SDK client against dynalite. */
class DynamoDbBudgetStoreTest {
    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();
    static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    static final String ALICE = "#alice";

    private static DynamoDbClient client;
    private final String table;
    private final DynamoDbBudgetStore store;

    DynamoDbBudgetStoreTest() {
        if (client == null) client = DYNAMO.client();
        table = DYNAMO.createStateTable(client);
        store = new DynamoDbBudgetStore(client, table);
    }

    @AfterAll
    static void closeClient() {
        if (client != null) client.close();
    }

    @Test
    void read_nothingRecorded_isZeroSpendAndNoOverride() {
        BudgetReading reading = store.read(ALICE, LocalDate.parse("2026-12-07"));

        assertThat(reading.spend().day().total().costMicroUsd()).isZero();
        assertThat(reading.spend().month().period()).isEqualTo(Period.monthOf(NOW));
        assertThat(reading.override()).isNull();
    }

    @Test
    void read_returnsTheLedgersDayAndMonthTotals_andTheOverride_inOneRead() {
        putTotal(Period.dayOf(NOW), 1_500_000);
        putTotal(Period.monthOf(NOW), 7_000_000);
        BudgetOverride override = new BudgetOverride(new Budget(OptionalLong.of(50_000_000), OptionalLong.empty(),
                List.of(70, 95)), Instant.parse("2026-12-10T00:00:00Z"));
        store.putOverride(ALICE, override);

        BudgetReading reading = store.read(ALICE, LocalDate.parse("2026-12-07"));

        assertThat(reading.spend().day().total().costMicroUsd()).isEqualTo(1_500_000);
        assertThat(reading.spend().month().total().costMicroUsd()).isEqualTo(7_000_000);
        assertThat(reading.override()).isEqualTo(override);
    }

    @Test
    void putOverride_unlimited_roundTrips_andCarriesATtlADayAfterItsExpiry() {
        BudgetOverride override = new BudgetOverride(Budget.UNLIMITED, Instant.parse("2026-12-08T00:00:00Z"));

        store.putOverride(ALICE, override);

        assertThat(store.read(ALICE, LocalDate.parse("2026-12-07")).override()).isEqualTo(override);
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                .key(DynamoDbItems.key("budget#" + ALICE, "override"))).item();
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(Instant.parse("2026-12-09T00:00:00Z").getEpochSecond()));
    }

    @Test
    void recordCutoff_once_perReset() {
        BudgetCutoff cutoff = new BudgetCutoff(ALICE, "alice", "day", NOW, Instant.parse("2026-12-08T00:00:00Z"), List.of());

        assertThat(store.recordCutoff(cutoff)).isTrue();
        assertThat(store.recordCutoff(cutoff)).isFalse();
        assertThat(store.recordCutoff(new BudgetCutoff(ALICE, "alice", "month", NOW,
                Instant.parse("2027-01-01T00:00:00Z"), List.of()))).isTrue();
        assertThat(store.cutoffs()).singleElement().satisfies(c -> assertThat(c.period()).isEqualTo("month"));
    }

    @Test
    void updateCutoff_keepsTheKeys_andRemoveCutoff_onlyRemovesTheSameReset() {
        BudgetCutoff cutoff = new BudgetCutoff(ALICE, "alice", "day", NOW, Instant.parse("2026-12-08T00:00:00Z"), List.of());
        store.recordCutoff(cutoff);
        store.updateCutoff(cutoff.withKeys(List.of("ACCA1", "ACCA2")));

        assertThat(store.cutoffs()).containsExactly(cutoff.withKeys(List.of("ACCA1", "ACCA2")));
        store.removeCutoff(new BudgetCutoff(ALICE, "alice", "day", NOW, Instant.parse("2026-12-09T00:00:00Z"), List.of()));
        assertThat(store.cutoffs()).hasSize(1);
        store.removeCutoff(cutoff);
        assertThat(store.cutoffs()).isEmpty();
    }

    @Test
    void updateCutoff_completed_roundTrips_andARecordedCutoffStartsIncomplete() {
        BudgetCutoff cutoff = new BudgetCutoff(ALICE, "alice", "day", NOW, Instant.parse("2026-12-08T00:00:00Z"), List.of());
        store.recordCutoff(cutoff);
        assertThat(store.cutoffs()).singleElement().satisfies(c -> assertThat(c.complete()).isFalse());

        store.updateCutoff(cutoff.completed(List.of("ACCA1")));

        assertThat(store.cutoffs()).containsExactly(cutoff.completed(List.of("ACCA1")));
    }

    private void putTotal(Period period, long costMicroUsd) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoDbUsageLedger.rowKey(ALICE, period, LedgerDelta.ALL_MODELS));
        item.put("costMicroUsd", AttributeValue.fromN(Long.toString(costMicroUsd)));
        item.put("requests", AttributeValue.fromN("1"));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(NOW.toEpochMilli())));
        client.putItem(r -> r.tableName(table).item(item));
    }
}
