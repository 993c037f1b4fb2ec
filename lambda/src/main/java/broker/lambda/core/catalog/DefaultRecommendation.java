package broker.lambda.core.catalog;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.Entitlement;
import java.util.List;
import java.util.Objects;

/**
 * The main and small/fast model that {@code GET /v1/client-config} recommends before anyone signs in: for the
 * entitlement every signed-in user has (the document's {@code default} profile), the first model of each preference
 * order that is usable under it, by the id {@code GET /v1/models} would hand that user (an inference-profile id where
 * Bedrock offers the model only through profiles). Read from the catalog's current snapshot on every call, so the
 * answer follows the catalog; without a trusted snapshot, from the profile's exact ids as {@code GET /v1/models} does.
 */
public final class DefaultRecommendation {
    private final Entitlement everyone; // null: the document has no default profile
    private final ModelCatalog catalog;
    private final ModelPreferences preferences;

    /**
     * @param preferences the preference orders, exact ids ({@code BROKER_PRIMARY_MODEL}, {@code BROKER_FAST_MODEL})
     *                    already first
     */
    public DefaultRecommendation(EntitlementsDocument entitlements, ModelCatalog catalog, ModelPreferences preferences) {
        // A caller in no group gets the default profile alone: what every signed-in user has at least.
        this.everyone = entitlements.entitlementFor(List.of()).orElse(null);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
    }

    /** The recommendation now; {@link Recommended#NONE} when there is no default profile. */
    public Recommended current() {
        if (everyone == null) return Recommended.NONE;
        ModelList list = ModelList.of(everyone, catalog, preferences);
        return new Recommended(list.primary(), list.fast());
    }

    /**
     * What to recommend.
     *
     * @param primary the main model's id, or null when no preference names a model the default profile may use
     * @param fast    the small/fast model's id, or null likewise
     */
    public record Recommended(String primary, String fast) {
        /** Nothing to recommend: clients fall back to the caller's own {@code GET /v1/models}. */
        public static final Recommended NONE = new Recommended(null, null);
    }
}
