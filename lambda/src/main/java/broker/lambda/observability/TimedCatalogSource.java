package broker.lambda.observability;

import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.CatalogSource;

/** Measures every read of one region's catalog (every page and retry) as the {@code UpstreamLatency} metric. */
public final class TimedCatalogSource implements CatalogSource {
    private final CatalogSource delegate;
    private final UpstreamTimer timer;

    public TimedCatalogSource(CatalogSource delegate, AuditLog audit) {
        this.delegate = delegate;
        this.timer = new UpstreamTimer(audit, "bedrock");
    }

    @Override
    public RegionFetch fetch(String region) {
        return timer.time(() -> delegate.fetch(region));
    }
}
