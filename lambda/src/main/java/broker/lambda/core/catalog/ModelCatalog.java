package broker.lambda.core.catalog;

import java.util.Optional;

/** Port: Bedrock's model catalog for the entitlements' regions, as far as the broker can trust it right now. */
public interface ModelCatalog {
    /** A broker without a catalog: every session policy uses the static derivation. */
    ModelCatalog NONE = Optional::empty;

    /**
     * The current snapshot, or empty when there is none to trust (never loaded, too old, or not yet refreshed after
     * a SnapStart restore): callers then fall back to what the entitlements say alone.
     */
    Optional<CatalogSnapshot> current();

    /**
     * The snapshot when one can be trusted right now, without waiting for a load: for issuance, which never waits on
     * Bedrock's control plane (its static policy is the fallback) while {@link #current()} may wait for a first load.
     */
    default Optional<CatalogSnapshot> ifReady() {
        return current();
    }

    /**
     * The last snapshot read, trusted or not (a SnapStart restore, too old): for issuance, where it can only narrow the
     * static policy, so an old snapshot is better than none. Never waits.
     */
    default Optional<CatalogSnapshot> lastKnown() {
        return ifReady();
    }
}
