package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.pricing.PriceTable;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Exactly once: however records are split into batches and redelivered, the ledger holds each once. */
class UsageIngestionPropertiesTest {
    private static final List<String> ARNS = List.of(UsageIngestionTest.ALICE_ARN, UsageIngestionTest.BOB_ARN,
            UsageIngestionTest.STRANGER_ARN);
    private static final List<String> MODELS = List.of(UsageIngestionTest.SONNET, UsageIngestionTest.HAIKU,
            "us.anthropic.claude-opus-4-1-20250805-v1:0", "mistral.unknown-v1:0");

    @Property(tries = 200)
    void ingest_anySplitAndRedelivery_equalsCountingEachRecordOnce(
            @ForAll("records") List<String> records, @ForAll("cuts") List<Integer> cuts, @ForAll("cuts") List<Integer> redeliveries,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 8, max = 100) int maxItemsPerWrite) {
        MemoryUsageLedger once = new MemoryUsageLedger();
        ingestion(once).ingest(records);

        MemoryUsageLedger split = new MemoryUsageLedger();
        split.maxItems = maxItemsPerWrite;
        UsageIngestion ingestion = ingestion(split);
        List<List<String>> batches = split(records, cuts);
        for (List<String> batch : batches) ingestion.ingest(batch);
        for (int r : redeliveries) if (!batches.isEmpty()) ingestion.ingest(batches.get(r % batches.size()));

        assertThat(totals(split)).isEqualTo(totals(once));
        for (LedgerBatch batch : split.batches) {
            assertThat(batch.deltas().stream().map(d -> List.of(d.owner().key(), d.period(), d.model())).distinct())
                    .hasSize(batch.deltas().size());
        }
    }

    private static Map<String, UsageTotals> totals(MemoryUsageLedger ledger) {
        Map<String, UsageTotals> totals = new HashMap<>();
        ledger.rows.forEach((key, row) -> totals.put(key.toString(), row.totals()));
        return totals;
    }

    private static List<List<String>> split(List<String> records, List<Integer> cuts) {
        List<List<String>> batches = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(records.size(), from + cut);
            if (to > from) batches.add(records.subList(from, to));
            from = to;
        }
        if (from < records.size()) batches.add(records.subList(from, records.size()));
        return batches;
    }

    private static UsageIngestion ingestion(MemoryUsageLedger ledger) {
        return new UsageIngestion(PriceTable.defaults(),
                new Owners().session("alice-abcdefghijkl", Owners.ALICE).keyUser("bob", Owners.BOB).attributor(),
                ledger, IngestionEvents.NONE, Clock.fixed(UsageIngestionTest.NOW, ZoneOffset.UTC),
                UsageIngestion.DEFAULT_WINDOW);
    }

    @Provide
    Arbitrary<List<String>> records() {
        Arbitrary<String> record = Combinators.combine(
                Arbitraries.integers().between(1, 40), Arbitraries.of(ARNS), Arbitraries.of(MODELS),
                Arbitraries.longs().between(0, 200_000), Arbitraries.longs().between(0, 10_000),
                Arbitraries.integers().between(0, 3 * 86_400))
                .as((id, arn, model, in, out, age) -> UsageIngestionTest.record("req-" + id, arn, model, in, out,
                        UsageIngestionTest.NOW.minusSeconds(age)));
        return Arbitraries.oneOf(record, record, record, Arbitraries.just("{broken")).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 20).list().ofMaxSize(6);
    }
}
