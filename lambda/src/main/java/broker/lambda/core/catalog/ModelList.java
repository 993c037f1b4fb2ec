package broker.lambda.core.catalog;

import broker.lambda.core.entitlements.Entitlement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A caller's usable models and the ones recommended for Claude Code ({@code GET /v1/models}).
 *
 * @param models           one per foundation model
 * @param primary          the recommended main model's id, or null when no preference names a usable model
 * @param fast             the recommended small/fast model's id, or null
 * @param catalogFetchedAt when the model catalog behind this list was read; null when the catalog was not available and
 *                         the list holds the entitlement's exact ids only
 */
public record ModelList(List<UsableModel> models, String primary, String fast, Instant catalogFetchedAt) {
    public ModelList {
        models = List.copyOf(models);
    }

    /**
     * An entitlement's usable models from the catalog's current snapshot, or from its exact ids when the catalog is not
     * available (a profile of the caller's geography before a bare id), with the first model each preference order
     * names (without the catalog, never a bare foundation-model id).
     */
    public static ModelList of(Entitlement entitlement, ModelCatalog catalog, ModelPreferences preferences) {
        Optional<CatalogSnapshot> snapshot = catalog.current();
        List<UsableModel> usable = snapshot.map(s -> UsableModels.of(entitlement, s))
                .orElseGet(() -> UsableModels.of(entitlement));
        // Without the catalog nothing shows a bare id to be offered on demand: recommend profiles only.
        List<UsableModel> candidates = snapshot.isPresent() ? usable : UsableModels.recommendable(usable);
        return new ModelList(usable, UsableModels.recommend(candidates, preferences.primary()),
                UsableModels.recommend(candidates, preferences.fast()), snapshot.map(CatalogSnapshot::fetchedAt).orElse(null));
    }
}
