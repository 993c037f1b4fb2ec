package broker.lambda.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One model a caller may invoke, as {@code GET /v1/models} lists it.
 *
 * @param id              what to invoke, e.g. for {@code ANTHROPIC_MODEL}: the foundation-model id where Bedrock offers
 *                        it on demand, else an inference-profile id
 * @param foundationModel the foundation model that serves it
 * @param name            the display name; null when the model catalog is not available
 * @param provider        the provider's name; null when the model catalog is not available
 * @param streaming       whether {@code InvokeModelWithResponseStream} works; null when unknown
 * @param regions         the caller's regions in which {@code id} can be invoked
 */
public record UsableModel(String id, String foundationModel, String name, String provider, Boolean streaming,
                          List<String> regions) {
    public UsableModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(foundationModel, "foundationModel");
        regions = List.copyOf(regions);
    }
}
