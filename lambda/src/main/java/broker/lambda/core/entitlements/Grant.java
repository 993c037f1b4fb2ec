package broker.lambda.core.entitlements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** True when this grant lets the model be used in the region. */
    public boolean allows(String model, String region) {
        return models.contains(model) && regions.contains(region);
    }

    /** True when both grants name the same models and regions, in whatever order. */
    boolean sameAs(Grant other) {
        return new HashSet<>(models).equals(new HashSet<>(other.models))
                && new HashSet<>(regions).equals(new HashSet<>(other.regions));
    }

    /** The grants without repeats (same models and regions in another order count as a repeat), first kept. */
    static List<Grant> distinct(List<Grant> grants) {
        var kept = new ArrayList<Grant>();
        for (Grant grant : grants) {
            if (kept.stream().noneMatch(grant::sameAs)) {
                kept.add(grant);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * This grant cut down to the given models and regions. A profile of a kept foundation model stays too:
     * the session policy allows that model through the profile (see {@code SessionPolicy}), and dropping the
     * profile alone would make the policy longer, not narrower in effect.
     */
    Grant narrowedTo(Set<String> models, Set<String> regions) {
        Set<String> kept = new HashSet<>();
        this.models.stream().filter(models::contains).forEach(kept::add);
        List<String> narrowed = this.models.stream()
                .filter(model -> kept.contains(model) || ModelId.parse(model)
                        .filter(id -> id instanceof ModelId.InferenceProfile && kept.contains(id.foundationModelId()))
                        .isPresent())
                .toList();
        return new Grant(narrowed, this.regions.stream().filter(regions::contains).toList());
    }
}
