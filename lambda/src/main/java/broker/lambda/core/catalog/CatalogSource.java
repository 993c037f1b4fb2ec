package broker.lambda.core.catalog;

/** Port: reads what Bedrock offers in one region. Implementations never throw for AWS errors. */
public interface CatalogSource {
    /** Every foundation model and inference profile of the region, or why they could not be read. */
    RegionFetch fetch(String region);

    /** The outcome of reading one region. */
    sealed interface RegionFetch {
        /** Bedrock answered every page. */
        record Fetched(RegionCatalog catalog) implements RegionFetch {}

        /**
         * Bedrock could not be read after the SDK's retries (throttled, unreachable, 5xx, access denied).
         *
         * @param reason for the operators' log, e.g. {@code ThrottlingException} or {@code HTTP503}; never a secret
         */
        record Failed(String reason) implements RegionFetch {}
    }
}
