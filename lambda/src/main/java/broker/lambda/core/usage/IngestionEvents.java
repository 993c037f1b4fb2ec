package broker.lambda.core.usage;

/** Port: what ingestion reports to the operators (log lines and metrics in Lambda); never record content. */
public interface IngestionEvents {
    /** Reports nothing. */
    IngestionEvents NONE = new IngestionEvents() {
        @Override public void skipped(int index, RecordReading.Skipped skipped) {}
        @Override public void ingested(IngestionReport report) {}
    };

    /**
     * A record was skipped.
     *
     * @param index   its position in the delivered batch
     * @param skipped the reason and the field at fault (a known field name, never a value)
     */
    void skipped(int index, RecordReading.Skipped skipped);

    /** A batch was counted (or found already counted). */
    void ingested(IngestionReport report);

    /**
     * What a counted batch charged to each owner (at most one entry per owner, unattributed included): the source of
     * the dashboard's top spenders. Called after {@link #ingested} when the batch counted anything.
     */
    default void charged(java.util.Map<Owner, Long> costMicroUsdByOwner) {
    }
}
