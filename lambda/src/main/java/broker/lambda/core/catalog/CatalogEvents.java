package broker.lambda.core.catalog;

/** Port: what the model catalog reports to the operators (a log in Lambda). Called from the refresh thread. */
public interface CatalogEvents {
    /** Reports nothing. */
    CatalogEvents NONE = new CatalogEvents() {
        @Override public void loaded(CatalogSnapshot snapshot) {}
        @Override public void refreshFailed(String region, String reason, CatalogSnapshot kept) {}
        @Override public void recovered(CatalogSnapshot snapshot) {}
    };

    /** A refresh succeeded: called after every successful refresh, the first one included. */
    void loaded(CatalogSnapshot snapshot);

    /**
     * A refresh failed for the first time since the last success (later failures of the same streak are not
     * reported, so an outage makes one line, not one per schedule).
     *
     * @param region the region that could not be read
     * @param reason the source's reason, for the operators
     * @param kept   the last good snapshot, still in use while young enough; null when none was ever loaded
     */
    void refreshFailed(String region, String reason, CatalogSnapshot kept);

    /** A refresh succeeded after a reported failure. */
    void recovered(CatalogSnapshot snapshot);
}
