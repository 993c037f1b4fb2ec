package broker.client.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code budget} object of a broker answer (credentials or a problem): the person's spend against one cap.
 *
 * @param period   {@code day} or {@code month} (UTC), or null when the broker did not say
 * @param used     USD spent in the period
 * @param limit    the cap in USD
 * @param resetsAt when the period resets
 */
public record BudgetStatus(String period, BigDecimal used, BigDecimal limit, Instant resetsAt) {
    public BudgetStatus {
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(resetsAt, "resetsAt");
    }

    /** "daily budget" / "monthly budget" / "budget". */
    public String name() {
        return "day".equals(period) ? "daily budget" : "month".equals(period) ? "monthly budget" : "budget";
    }

    /** The used share of the cap in whole percent, rounded down. */
    public int percent() {
        return limit.signum() <= 0 ? 100 : used.multiply(BigDecimal.valueOf(100))
                .divide(limit, 0, java.math.RoundingMode.DOWN).intValue();
    }
}
