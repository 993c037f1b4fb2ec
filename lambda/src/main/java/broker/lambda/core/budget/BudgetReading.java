package broker.lambda.core.budget;

import broker.lambda.core.usage.Spend;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the check at issuance reads in one round trip: the person's spend today and this month, and an admin's
 * override of their budget if one was ever set (expired or not: {@link BudgetCheck#effective} decides).
 *
 * @param spend    the two total rows of the usage ledger
 * @param override the stored override, or null when none was set
 */
public record BudgetReading(Spend spend, BudgetOverride override) {
    public BudgetReading {
        Objects.requireNonNull(spend, "spend");
    }

    /** The stored override, expired or not. */
    public Optional<BudgetOverride> storedOverride() {
        return Optional.ofNullable(override);
    }

    /** The override while it applies at {@code now}. */
    public Optional<BudgetOverride> overrideAt(Instant now) {
        return storedOverride().filter(o -> o.appliesAt(now));
    }
}
