package broker.lambda.core.budget;

import broker.lambda.core.entitlements.Budget;
import java.time.Instant;
import java.util.Objects;

/**
 * An admin's override of one person's budget until {@code expiresAt}; after it the entitlements' budget applies again.
 *
 * @param budget    the budget in force instead ({@link Budget#UNLIMITED} lifts every cap)
 * @param expiresAt when the override stops applying (exclusive)
 */
public record BudgetOverride(Budget budget, Instant expiresAt) {
    public BudgetOverride {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True while the override applies. */
    public boolean appliesAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
