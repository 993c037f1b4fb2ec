package broker.lambda.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import broker.lambda.core.catalog.CatalogEvents;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.CatalogWarning;
import broker.lambda.core.catalog.CatalogWarnings;
import broker.lambda.core.entitlements.EntitlementsDocument;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model catalog's log lines (logger {@code broker.catalog}): a failed refresh once per streak, the recovery, and
 * the entitlements entries that the catalog shows to be of no use, once at start and again whenever they change.
 */
public final class CatalogLog implements CatalogEvents {
    private static final Logger LOG = LoggerFactory.getLogger("broker.catalog");

    private final EntitlementsDocument entitlements;
    private List<CatalogWarning> reported; // guarded by this; null until the first load

    public CatalogLog(EntitlementsDocument entitlements) {
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
    }

    @Override
    public void loaded(CatalogSnapshot snapshot) {
        List<CatalogWarning> warnings = CatalogWarnings.of(entitlements, snapshot);
        synchronized (this) {
            if (warnings.equals(reported)) return;
            reported = warnings;
        }
        if (warnings.isEmpty()) {
            LOG.info("model catalog: every entitlements entry names a model Bedrock offers",
                    entry("catalogRegions", snapshot.regions().keySet()));
        } else {
            LOG.warn("model catalog: {} entitlements entries match nothing usable", warnings.size(),
                    entry("catalogRegions", snapshot.regions().keySet()),
                    entry("warnings", warnings.stream().map(CatalogWarning::toString).toList()));
        }
    }

    @Override
    public void refreshFailed(String region, String reason, CatalogSnapshot kept) {
        LOG.warn(kept == null
                        ? "model catalog refresh failed; session policies use the static derivation until it loads"
                        : "model catalog refresh failed; keeping the last good catalog while it is young enough",
                entry("region", region),
                entry("cause", "bedrock:" + reason),
                entry("catalogFetchedAt", kept == null ? null : kept.fetchedAt().toString()));
    }

    @Override
    public void recovered(CatalogSnapshot snapshot) {
        LOG.info("model catalog refresh works again", entry("catalogFetchedAt", snapshot.fetchedAt().toString()));
    }
}
