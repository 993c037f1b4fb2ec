package broker.lambda.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An inference profile as Bedrock's {@code ListInferenceProfiles} describes it in one region.
 *
 * @param id            the profile id: {@code us.anthropic.claude-…} for a system-defined profile, a generated id for
 *                      an application profile
 * @param arn           its ARN in that region
 * @param name          the display name; may be empty
 * @param systemDefined true for Bedrock's own cross-region profiles, false for an account's application profiles
 * @param active        whether Bedrock reports it {@code ACTIVE}
 * @param modelArns     the foundation-model ARNs it routes to ({@code models[].modelArn}): its destination regions
 */
public record InferenceProfileEntry(String id, String arn, String name, boolean systemDefined, boolean active,
                                    List<String> modelArns) {
    public InferenceProfileEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        name = Objects.requireNonNullElse(name, "");
        modelArns = List.copyOf(modelArns);
    }
}
