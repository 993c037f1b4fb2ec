package broker.lambda.core.usage;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one delivered batch came to.
 *
 * @param received       records delivered
 * @param counted        records added to the ledger by this batch
 * @param skipped        malformed or foreign records (see {@link IngestionEvents#skipped})
 * @param duplicates     records whose request id was already counted (by an earlier delivery or earlier in the batch)
 * @param stale          records older than the exactly-once window, refused
 * @param unattributed   counted records of identities the broker did not issue
 * @param costMicroUsd   the cost of the counted records
 * @param writes         ledger row writes made
 * @param maxLag         the longest time from a counted record's timestamp to its counting; zero when none counted
 * @param fallbackModels models priced by the fallback
 */
public record IngestionReport(int received, int counted, int skipped, int duplicates, int stale, int unattributed,
                              long costMicroUsd, int writes, Duration maxLag, Set<String> fallbackModels) {
    public IngestionReport {
        Objects.requireNonNull(maxLag, "maxLag");
        fallbackModels = Set.copyOf(fallbackModels);
    }
}
