package broker.lambda.core.usage;

/** The outcome of {@link UsageIngestion#ingest}. */
public sealed interface IngestionResult {
    /** The batch is counted (possibly nothing new in it). */
    record Ingested(IngestionReport report) implements IngestionResult {}

    /**
     * The ledger could not be written: nothing of the batch is counted and the delivery must be retried
     * (a Lambda invocation fails, so CloudWatch Logs delivers the batch again).
     *
     * @param reason for the operators
     */
    record LedgerUnavailable(String reason) implements IngestionResult {}
}
