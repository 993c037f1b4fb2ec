package broker.client.core;

import java.util.List;

/**
 * The models the signed-in user may use ({@code GET /v1/models}), with the broker's recommended primary and fast
 * models; a recommendation is an empty string when the broker names none.
 */
public record UsableModels(List<Model> models, String recommendedPrimary, String recommendedFast, String source) {
    public UsableModels {
        models = List.copyOf(models);
        recommendedPrimary = recommendedPrimary == null ? "" : recommendedPrimary;
        recommendedFast = recommendedFast == null ? "" : recommendedFast;
        source = source == null ? "" : source;
    }

    /** One usable model: {@code id} is what to invoke (an inference-profile id where the model is offered through one). */
    public record Model(String id, String foundationModel, String name, String provider, boolean streaming,
                        List<String> regions) {
        public Model {
            Require.nonBlank(id, "id");
            foundationModel = foundationModel == null ? "" : foundationModel;
            regions = List.copyOf(regions);
        }
    }

    public boolean lists(String id) {
        return models.stream().anyMatch(model -> model.id().equals(id));
    }
}
