package broker.lambda.core.usage;

import java.util.Objects;

/**
 * An owner's spend so far today and this month: what a budget check reads, in one ledger read.
 *
 * @param day   today's total (UTC)
 * @param month this month's total (UTC)
 */
public record Spend(OwnerUsage day, OwnerUsage month) {
    public Spend {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(month, "month");
    }
}
