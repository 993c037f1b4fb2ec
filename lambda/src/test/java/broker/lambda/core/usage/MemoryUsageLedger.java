package broker.lambda.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ledger port in memory, for core tests: atomic like the real adapters, and counts its row writes. */
public final class MemoryUsageLedger implements UsageLedger {
    public record Row(Owner owner, UsageTotals totals, Instant updatedAt) {}
    public record Key(String owner, Period period, String model) {}

    public final Map<Key, Row> rows = new HashMap<>();
    final Map<String, Instant> claims = new HashMap<>();
    final Map<YearMonth, Set<String>> fallback = new HashMap<>();
    final List<LedgerBatch> batches = new ArrayList<>();
    /** Ids to report as claimed by someone else on the next apply (a concurrent delivery). */
    final Set<String> claimedMeanwhile = new HashSet<>();
    String unavailable;
    int maxItems = Integer.MAX_VALUE;

    @Override
    public int maxItemsPerWrite() {
        return maxItems;
    }

    @Override
    public synchronized Set<String> counted(Collection<String> requestIds) {
        Set<String> counted = new HashSet<>();
        for (String id : requestIds) if (claims.containsKey(id)) counted.add(id);
        return counted;
    }

    @Override
    public synchronized LedgerWrite apply(LedgerBatch batch) {
        if (unavailable != null) return new LedgerWrite.Unavailable(unavailable);
        for (String id : claimedMeanwhile) claims.put(id, batch.claimsExpire());
        claimedMeanwhile.clear();
        Set<String> taken = new HashSet<>();
        for (String id : batch.requestIds()) if (claims.containsKey(id)) taken.add(id);
        if (!taken.isEmpty()) return new LedgerWrite.AlreadyCounted(taken);
        for (String id : batch.requestIds()) claims.put(id, batch.claimsExpire());
        for (LedgerDelta delta : batch.deltas()) {
            rows.merge(new Key(delta.owner().key(), delta.period(), delta.model()),
                    new Row(delta.owner(), delta.totals(), batch.at()),
                    (old, add) -> new Row(add.owner(), old.totals().plus(add.totals()), add.updatedAt()));
        }
        batch.fallbackPriced().forEach((month, models) ->
                fallback.computeIfAbsent(month, m -> new TreeSet<>()).addAll(models));
        int items = batch.requestIds().size() + batch.deltas().size() + batch.fallbackPriced().size();
        if (items > maxItems) throw new AssertionError("a write of " + items + " items, over " + maxItems);
        batches.add(batch);
        return new LedgerWrite.Applied(batch.deltas().size());
    }

    @Override
    public synchronized Spend spend(String ownerKey, LocalDate day) {
        return new Spend(usage(ownerKey, Period.day(day)), usage(ownerKey, Period.month(YearMonth.from(day))));
    }

    @Override
    public synchronized OwnerUsage usage(String ownerKey, Period period) {
        Row total = rows.get(new Key(ownerKey, period, LedgerDelta.ALL_MODELS));
        if (total == null) return OwnerUsage.empty(period);
        Map<String, UsageTotals> byModel = new HashMap<>();
        rows.forEach((key, row) -> {
            if (key.owner().equals(ownerKey) && key.period().equals(period) && !key.model().equals(LedgerDelta.ALL_MODELS)) {
                byModel.put(key.model(), row.totals());
            }
        });
        return new OwnerUsage(period, total.totals(), byModel, total.updatedAt());
    }

    @Override
    public synchronized List<OwnerTotals> month(YearMonth month) {
        Period period = Period.month(month);
        List<OwnerTotals> out = new ArrayList<>();
        rows.forEach((key, row) -> {
            if (key.period().equals(period) && key.model().equals(LedgerDelta.ALL_MODELS)) {
                out.add(new OwnerTotals(row.owner(), row.totals(), row.updatedAt()));
            }
        });
        return out;
    }

    @Override
    public synchronized Set<String> fallbackPriced(YearMonth month) {
        return Set.copyOf(fallback.getOrDefault(month, Set.of()));
    }
}
