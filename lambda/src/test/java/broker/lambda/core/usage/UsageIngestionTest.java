package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.pricing.PriceTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageIngestionTest {
    static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    static final String SONNET = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String ALICE_ARN = Owners.sessionArn("alice-abcdefghijkl");
    static final String BOB_ARN = Owners.keyUserArn("bob");
    static final String STRANGER_ARN = "arn:aws:sts::123456789012:assumed-role/Other/x1";

    private final MemoryUsageLedger ledger = new MemoryUsageLedger();
    private final List<RecordReading.Skipped> skipped = new ArrayList<>();
    private final List<IngestionReport> reports = new ArrayList<>();
    private final List<java.util.Map<Owner, Long>> charges = new ArrayList<>();
    private final UsageIngestion ingestion = new UsageIngestion(PriceTable.defaults(),
            new Owners().session("alice-abcdefghijkl", Owners.ALICE).keyUser("bob", Owners.BOB).attributor(),
            ledger, new IngestionEvents() {
                @Override public void skipped(int index, RecordReading.Skipped skip) { skipped.add(skip); }
                @Override public void ingested(IngestionReport report) { reports.add(report); }
                @Override public void charged(java.util.Map<Owner, Long> byOwner) { charges.add(byOwner); }
            }, Clock.fixed(NOW, ZoneOffset.UTC), UsageIngestion.DEFAULT_WINDOW);

    @Test
    void ingest_records_addsTheirUsageToTheOwnersDayAndMonth() {
        ingest(record("r1", ALICE_ARN, SONNET, 1000, 100), record("r2", ALICE_ARN, SONNET, 2000, 200));

        Spend spend = ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07"));
        // (3000 × 3 + 300 × 15) micro-USD
        UsageTotals expected = new UsageTotals(2, 3000, 300, 0, 0, 13_500);
        assertThat(spend.day().total()).isEqualTo(expected);
        assertThat(spend.month().total()).isEqualTo(expected);
        assertThat(spend.day().byModel()).containsOnlyKeys("anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(spend.day().updatedAt()).isEqualTo(NOW);
    }

    @Test
    void ingest_countedBatch_reportsWhatItChargedEachOwnerOnce() {
        ingest(record("r1", ALICE_ARN, SONNET, 1000, 100), record("r2", ALICE_ARN, SONNET, 2000, 200),
                record("r3", STRANGER_ARN, SONNET, 1000, 0));

        // alice (3000 × 3 + 300 × 15); the stranger 1000 × 3
        assertThat(charges).singleElement().satisfies(byOwner -> assertThat(byOwner)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(Owners.ALICE, 13_500L, Owner.UNATTRIBUTED, 3_000L)));
    }

    @Test
    void ingest_redeliveredBatch_chargesNothingTheSecondTime() {
        ingest(record("r1", ALICE_ARN, SONNET, 1000, 100));
        ingest(record("r1", ALICE_ARN, SONNET, 1000, 100));

        assertThat(charges).hasSize(1);
    }

    @Test
    void ingest_batch_writesAtMostOneRowPerOwnerPeriodAndModel() {
        ingest(record("r1", ALICE_ARN, SONNET, 1, 1), record("r2", ALICE_ARN, SONNET, 1, 1),
                record("r3", ALICE_ARN, HAIKU, 1, 1), record("r4", BOB_ARN, SONNET, 1, 1));

        List<LedgerDelta> deltas = ledger.batches.getFirst().deltas();
        // alice: sonnet, haiku, total × day, month = 6; bob: sonnet, total × day, month = 4
        assertThat(deltas).hasSize(10);
        Set<List<Object>> keys = new HashSet<>();
        deltas.forEach(d -> keys.add(List.of(d.owner().key(), d.period(), d.model())));
        assertThat(keys).hasSize(deltas.size());
        assertThat(reports.getFirst().writes()).isEqualTo(10);
    }

    @Test
    void ingest_moreItemsThanOneWriteHolds_splitsIntoAtomicWritesWithinTheLimit() {
        ledger.maxItems = 12;
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) batch.add(record("a" + i, ALICE_ARN, SONNET, 1, 1));
        for (int i = 0; i < 10; i++) batch.add(record("b" + i, BOB_ARN, SONNET, 1, 1));

        ingest(batch.toArray(String[]::new));

        assertThat(ledger.batches).hasSizeGreaterThan(1);
        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(10);
        assertThat(ledger.spend(Owners.BOB.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(10);
        assertThat(reports.getFirst().counted()).isEqualTo(20);
    }

    @Test
    void ingest_redeliveredBatch_isCountedOnce() {
        List<String> batch = List.of(record("r1", ALICE_ARN, SONNET, 1000, 100), record("r2", BOB_ARN, HAIKU, 10, 10));
        ingestion.ingest(batch);

        IngestionResult again = ingestion.ingest(batch);

        assertThat(((IngestionResult.Ingested) again).report().duplicates()).isEqualTo(2);
        assertThat(((IngestionResult.Ingested) again).report().counted()).isZero();
        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(1);
        assertThat(ledger.batches).hasSize(1);
    }

    @Test
    void ingest_sameRequestIdTwiceInOneBatch_countsItOnce() {
        ingest(record("r1", ALICE_ARN, SONNET, 1000, 100), record("r1", ALICE_ARN, SONNET, 1000, 100));

        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(1);
        assertThat(reports.getFirst().duplicates()).isEqualTo(1);
    }

    @Test
    void ingest_malformedRecord_isSkippedCountedAndReportedWithoutContent_andTheRestCounted() {
        ingest("{\"schemaType\":\"ModelInvocationLog\",\"requestId\":\"SECRET\"", record("r1", ALICE_ARN, SONNET, 1, 1));

        assertThat(reports.getFirst().skipped()).isEqualTo(1);
        assertThat(reports.getFirst().counted()).isEqualTo(1);
        assertThat(skipped).singleElement().satisfies(s -> assertThat(s.toString()).doesNotContain("SECRET"));
    }

    @Test
    void ingest_strangersRecord_isCountedAsUnattributed() {
        ingest(record("r1", STRANGER_ARN, SONNET, 1000, 0));

        assertThat(reports.getFirst().unattributed()).isEqualTo(1);
        assertThat(ledger.month(YearMonth.of(2026, 12))).singleElement()
                .satisfies(row -> assertThat(row.owner()).isEqualTo(Owner.UNATTRIBUTED));
    }

    @Test
    void ingest_recordOlderThanTheWindow_isRefusedAsStale() {
        ingest(record("old", ALICE_ARN, SONNET, 1, 1, NOW.minus(Duration.ofDays(15))));

        assertThat(reports.getFirst().stale()).isEqualTo(1);
        assertThat(ledger.batches).isEmpty();
    }

    @Test
    void ingest_unknownModel_isPricedByTheFallbackAndListedForTheAdmins() {
        ingest(record("r1", ALICE_ARN, "meta.llama3-70b-instruct-v1:0", 1_000_000, 0));

        assertThat(reports.getFirst().fallbackModels()).containsExactly("meta.llama3-70b-instruct-v1:0");
        assertThat(reports.getFirst().costMicroUsd()).isEqualTo(15_000_000);
        assertThat(ledger.fallbackPriced(YearMonth.of(2026, 12))).containsExactly("meta.llama3-70b-instruct-v1:0");
    }

    @Test
    void ingest_recordsOnBothSidesOfMidnight_goToTheirOwnDays() {
        ingest(record("r1", ALICE_ARN, SONNET, 1, 0, Instant.parse("2026-12-06T23:59:59Z")),
                record("r2", ALICE_ARN, SONNET, 1, 0, Instant.parse("2026-12-07T00:00:00Z")));

        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(1);
        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).month().total().requests()).isEqualTo(2);
    }

    @Test
    void ingest_idsClaimedConcurrently_retriesWithoutThem() {
        ledger.claimedMeanwhile.add("r1");

        ingest(record("r1", ALICE_ARN, SONNET, 1, 0), record("r2", ALICE_ARN, SONNET, 1, 0));

        assertThat(reports.getFirst().counted()).isEqualTo(1);
        assertThat(reports.getFirst().duplicates()).isEqualTo(1);
        assertThat(ledger.spend(Owners.ALICE.key(), LocalDate.parse("2026-12-07")).day().total().requests()).isEqualTo(1);
    }

    @Test
    void ingest_ledgerUnavailable_countsNothingAndAsksForRedelivery() {
        ledger.unavailable = "throttled";

        IngestionResult result = ingestion.ingest(List.of(record("r1", ALICE_ARN, SONNET, 1, 0)));

        assertThat(result).isEqualTo(new IngestionResult.LedgerUnavailable("throttled"));
        assertThat(ledger.claims).isEmpty();
    }

    @Test
    void ingest_attributionUnavailable_countsNothingAndAsksForRedelivery() {
        UsageIngestion failing = new UsageIngestion(PriceTable.defaults(), new Attributor(Owners.PRINCIPALS,
                names -> { throw new broker.lambda.core.state.StateUnavailableException("read sessions", null); },
                names -> java.util.Map.of()), ledger, IngestionEvents.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                UsageIngestion.DEFAULT_WINDOW);

        IngestionResult result = failing.ingest(List.of(record("r1", ALICE_ARN, SONNET, 1, 0)));

        assertThat(result).isEqualTo(new IngestionResult.LedgerUnavailable("attribution: read sessions"));
        assertThat(ledger.claims).isEmpty();
    }

    @Test
    void ingest_lag_isTheOldestCountedRecordsAge() {
        ingest(record("r1", ALICE_ARN, SONNET, 1, 0, NOW.minusSeconds(3)), record("r2", ALICE_ARN, SONNET, 1, 0, NOW.minusSeconds(1)));

        assertThat(reports.getFirst().maxLag()).isEqualTo(Duration.ofSeconds(3));
    }

    private void ingest(String... records) {
        assertThat(ingestion.ingest(List.of(records))).isInstanceOf(IngestionResult.Ingested.class);
    }

    static String record(String id, String arn, String model, long input, long output) {
        return record(id, arn, model, input, output, NOW.minusSeconds(2));
    }

    static String record(String id, String arn, String model, long input, long output, Instant at) {
        return Fixtures.record(id, at.toString(), arn, model, input, output);
    }
}
