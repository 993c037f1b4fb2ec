package broker.lambda.core.entitlements;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One profile's models in that profile's regions. A user in several groups holds several grants; a
 * model is usable only in the regions of a grant that names it (union of grants, never a cross product).
 *
 * @param models  foundation-model ids ({@code anthropic.claude-…}), inference-profile ids ({@code us.anthropic.claude-…})
 *                and family patterns ({@code anthropic.claude-sonnet-4-5*}, see {@link ModelId.Family})
 * @param regions AWS region names such as {@code us-east-1}
 */
public record Grant(List<String> models, List<String> regions) {
    public Grant {
        models = List.copyOf(models);
        regions = List.copyOf(regions);
    }

    /** True when this grant lets the model be used in the region. */
    public boolean allows(String model, String region) {
        return regions.contains(region) && covers(model);
    }

    /** True when one of this grant's entries names the model: the same id, or a family that matches it. */
    public boolean covers(String model) {
        return models.contains(model) || models.stream().anyMatch(entry -> isFamilyCovering(entry, model));
    }

    /**
     * Every grant cut down to the given models and regions (see {@link #narrowedTo}); grants left without a model
     * or a region are dropped, and repeats removed.
     */
    public static List<Grant> narrowAll(List<Grant> grants, Collection<String> models, Collection<String> regions) {
        Set<String> modelSet = Set.copyOf(models);
        Set<String> regionSet = Set.copyOf(regions);
        return distinct(grants.stream()
                .map(g -> g.narrowedTo(modelSet, regionSet))
                .filter(g -> !g.models().isEmpty() && !g.regions().isEmpty())
                .toList());
    }

    private static boolean isFamilyCovering(String entry, String model) {
        return entry.indexOf('*') >= 0 && ModelId.parse(entry).filter(id -> id.covers(model)).isPresent();
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
     * This grant cut down to the given models and regions: of the requested ids, exactly those this grant covers (an
     * entry it lists, or an id one of its families matches: the id, never the whole family), nothing else. A profile
     * and its foundation model are different ids: asking for one never allows the other.
     */
    Grant narrowedTo(Set<String> models, Set<String> regions) {
        List<String> narrowed = new ArrayList<>(this.models.stream().filter(models::contains).toList());
        models.stream().filter(model -> !this.models.contains(model) && covers(model)).sorted().forEach(narrowed::add);
        return new Grant(narrowed, this.regions.stream().filter(regions::contains).toList());
    }
}
