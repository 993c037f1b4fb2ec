package broker.lambda.core.usage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One owner's usage in one period: the total row and one row per model.
 *
 * @param period    the day or month
 * @param total     all models
 * @param byModel   per model key, sorted by key
 * @param updatedAt when a batch last added to this period, or null when nothing was counted
 */
public record OwnerUsage(Period period, UsageTotals total, Map<String, UsageTotals> byModel, Instant updatedAt) {
    public OwnerUsage {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(total, "total");
        byModel = java.util.Collections.unmodifiableMap(new TreeMap<>(byModel));
    }

    /** Nothing counted in {@code period}. */
    public static OwnerUsage empty(Period period) {
        return new OwnerUsage(period, UsageTotals.ZERO, Map.of(), null);
    }
}
