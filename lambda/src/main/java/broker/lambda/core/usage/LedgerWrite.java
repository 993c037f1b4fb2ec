package broker.lambda.core.usage;

import java.util.Set;

/** The outcome of {@link UsageLedger#apply}. */
public sealed interface LedgerWrite {
    /**
     * Everything was written.
     *
     * @param writes the row writes made (the DynamoDB items updated, claims not counted)
     */
    record Applied(int writes) implements LedgerWrite {}

    /**
     * Nothing was written: some request ids were claimed meanwhile (a concurrent delivery of the same records).
     *
     * @param requestIds the ids found claimed
     */
    record AlreadyCounted(Set<String> requestIds) implements LedgerWrite {}

    /**
     * Nothing was written: the store failed; the delivery must be retried.
     *
     * @param reason for the operators (no record content)
     */
    record Unavailable(String reason) implements LedgerWrite {}
}
