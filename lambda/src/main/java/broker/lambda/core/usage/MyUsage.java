package broker.lambda.core.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * The caller's usage: today and this month (UTC), by model, as {@code GET /v1/usage} shows it.
 *
 * @param today     today's rows
 * @param month     this month's rows
 * @param updatedAt when a batch last counted anything of theirs this month, or null when nothing was counted
 */
public record MyUsage(OwnerUsage today, OwnerUsage month, Instant updatedAt) {
    public MyUsage {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(month, "month");
    }
}
