package broker.lambda.core.entitlements;

import java.util.List;

/**
 * One profile's models in that profile's regions. A user in several groups holds several grants; a
 * model is usable only in the regions of a grant that names it (union of grants, never a cross product).
 *
 * @param models  foundation-model ids ({@code anthropic.claude-…}) and inference-profile ids ({@code us.anthropic.claude-…})
 * @param regions AWS region names such as {@code us-east-1}
 */
public record Grant(List<String> models, List<String> regions) {
    public Grant {
        models = List.copyOf(models);
        regions = List.copyOf(regions);
    }
}
