package broker.lambda.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What Bedrock offers in one region: its foundation models and its inference profiles.
 *
 * @param foundationModels  every foundation model {@code ListFoundationModels} returned
 * @param inferenceProfiles every system-defined and application profile {@code ListInferenceProfiles} returned
 */
public record RegionCatalog(List<FoundationModelEntry> foundationModels, List<InferenceProfileEntry> inferenceProfiles) {
    public static final RegionCatalog EMPTY = new RegionCatalog(List.of(), List.of());

    public RegionCatalog {
        foundationModels = List.copyOf(foundationModels);
        inferenceProfiles = List.copyOf(inferenceProfiles);
    }

    /** The foundation model with this id, or empty when the region does not offer it. */
    public Optional<FoundationModelEntry> foundationModel(String id) {
        return foundationModels.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The inference profile with this id, or empty when the region does not offer it. */
    public Optional<InferenceProfileEntry> inferenceProfile(String id) {
        return inferenceProfiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
