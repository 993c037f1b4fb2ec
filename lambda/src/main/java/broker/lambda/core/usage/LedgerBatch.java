package broker.lambda.core.usage;

import broker.lambda.core.Require;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic ledger write: claim every request id (so a redelivery counts nothing) and add every delta.
 *
 * @param requestIds   the records counted by this batch
 * @param claimsExpire when the claims may be forgotten (a redelivery later than this would count again: older
 *                     records are refused by {@link UsageIngestion} for that reason)
 * @param deltas       the aggregated rows, at most one per (owner, period, model)
 * @param at           when the batch was counted (the rows' {@code updatedAt})
 * @param fallbackPriced the models of this batch that no price row matched, per month (the admins' warnings)
 */
public record LedgerBatch(List<String> requestIds, Instant claimsExpire, List<LedgerDelta> deltas, Instant at,
                          Map<YearMonth, Set<String>> fallbackPriced) {
    public LedgerBatch {
        requestIds = List.copyOf(requestIds);
        deltas = List.copyOf(deltas);
        fallbackPriced = Map.copyOf(fallbackPriced);
        Require.nonNull("claimsExpire at", claimsExpire, at);
    }
}
