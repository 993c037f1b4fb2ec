package broker.lambda.core.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the admins' month report: an owner and their total in the month.
 *
 * @param owner     who (as recorded by the latest batch that counted their usage)
 * @param total     all models
 * @param updatedAt when a batch last added to it
 */
public record OwnerTotals(Owner owner, UsageTotals total, Instant updatedAt) {
    public OwnerTotals {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(total, "total");
    }
}
