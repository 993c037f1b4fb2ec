package broker.lambda.observability;

import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.CatalogSource;
import java.time.Duration;

/** Measures every read of one region's catalog (every page and retry) as the {@code UpstreamLatency} metric. */
public final class TimedCatalogSource implements CatalogSource {
    private final CatalogSource delegate;
    private final AuditLog audit;

    public TimedCatalogSource(CatalogSource delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public RegionFetch fetch(String region) {
        long start = System.nanoTime();
        try {
            return delegate.fetch(region);
        } finally {
            audit.upstreamLatency("bedrock", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
