package broker.lambda.core.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bedrock's model catalog as one refresh saw it: every allowed region, fetched together.
 *
 * @param regions   region name → what Bedrock offers there
 * @param fetchedAt when the refresh that produced it finished
 */
public record CatalogSnapshot(Map<String, RegionCatalog> regions, Instant fetchedAt) {
    public CatalogSnapshot {
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** What Bedrock offers in the region, or empty when this snapshot does not cover it. */
    public Optional<RegionCatalog> region(String region) {
        return Optional.ofNullable(regions.get(region));
    }

    /** How old the snapshot is at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(fetchedAt, now);
    }
}
