package broker.lambda.core.budget;

import broker.lambda.core.usage.Period;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a person stands against one capped period: what the answer's {@code budget} object carries.
 *
 * @param period        the UTC day or month
 * @param usedMicroUsd  recorded spend in the period
 * @param limitMicroUsd the cap of the period
 * @param resetsAt      when the period ends (the next UTC midnight, or the first of the next month)
 */
public record BudgetStanding(Period.Kind period, long usedMicroUsd, long limitMicroUsd, Instant resetsAt) {
    public BudgetStanding {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(resetsAt, "resetsAt");
        if (usedMicroUsd < 0 || limitMicroUsd <= 0) {
            throw new IllegalArgumentException("spend must not be negative and a cap must be positive");
        }
    }

    /** True when the spend is at or over the cap. */
    public boolean exhausted() {
        return usedMicroUsd >= limitMicroUsd;
    }

    /** True when the spend is at or above {@code percent} of the cap (exact: no floating point). */
    public boolean atOrAbove(int percent) {
        // used < limit <= 10^15 when this is asked, so neither product overflows; an exhausted period is above any.
        return exhausted() || usedMicroUsd * 100 >= (long) percent * limitMicroUsd;
    }
}
