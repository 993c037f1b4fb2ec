package broker.lambda.core.catalog;

import java.util.Objects;

/**
 * A foundation model as Bedrock's {@code ListFoundationModels} describes it in one region.
 *
 * @param id        the model id, e.g. {@code anthropic.claude-sonnet-4-5-20250929-v1:0}
 * @param arn       its ARN in that region
 * @param name      the display name, e.g. {@code Claude Sonnet 4.5}; may be empty
 * @param provider  the provider's name, e.g. {@code Anthropic}; may be empty
 * @param streaming whether {@code InvokeModelWithResponseStream} works with it
 * @param onDemand  whether it can be invoked by its own id ({@code ON_DEMAND}); false when Bedrock offers it only
 *                  through inference profiles or provisioned throughput
 * @param active    false when Bedrock marks it {@code LEGACY}
 */
public record FoundationModelEntry(String id, String arn, String name, String provider, boolean streaming,
                                   boolean onDemand, boolean active) {
    public FoundationModelEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        name = Objects.requireNonNullElse(name, "");
        provider = Objects.requireNonNullElse(provider, "");
    }
}
