package broker.lambda.core.catalog;

import java.time.Instant;
import java.util.List;

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
}
