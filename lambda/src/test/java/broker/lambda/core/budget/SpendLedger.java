package broker.lambda.core.budget;

import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerWrite;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.core.usage.UsageTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A ledger whose only answer is each owner's day and month cost, as a test sets it; counts the reads. */
public final class SpendLedger implements UsageLedger {
    private final Map<String, long[]> costs = new HashMap<>();
    public int reads;
    public boolean unavailable;

    /** Sets the owner's spend today and this month, in micro-USD. */
    public SpendLedger spent(String ownerKey, long dayMicroUsd, long monthMicroUsd) {
        costs.put(ownerKey, new long[] {dayMicroUsd, monthMicroUsd});
        return this;
    }

    @Override
    public Spend spend(String ownerKey, LocalDate day) {
        reads++;
        if (unavailable) throw new broker.lambda.core.state.StateUnavailableException("down", null);
        long[] cost = costs.getOrDefault(ownerKey, new long[2]);
        return new Spend(usage(Period.day(day), cost[0]), usage(Period.month(YearMonth.from(day)), cost[1]));
    }

    private static OwnerUsage usage(Period period, long microUsd) {
        return microUsd == 0 ? OwnerUsage.empty(period)
                : new OwnerUsage(period, new UsageTotals(1, 0, 0, 0, 0, microUsd), Map.of(), Instant.EPOCH);
    }

    @Override public int maxItemsPerWrite() { return Integer.MAX_VALUE; }
    @Override public Set<String> counted(Collection<String> requestIds) { return Set.of(); }
    @Override public LedgerWrite apply(LedgerBatch batch) { throw new UnsupportedOperationException(); }
    @Override public OwnerUsage usage(String ownerKey, Period period) { throw new UnsupportedOperationException(); }
    @Override public List<OwnerTotals> month(YearMonth month) { return List.of(); }
    @Override public Set<String> fallbackPriced(YearMonth month) { return Set.of(); }
}
