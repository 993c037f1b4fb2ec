package broker.lambda.core.catalog;

import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.entitlements.ModelId.Family;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns the families of an entitlement into the ids Bedrock offers: each family becomes the foundation models it
 * matches that can be invoked on demand, and the active system-defined inference profiles it matches, in the
 * grant's own regions. Exact ids stay as they are, whether the catalog lists them or not.
 */
public final class CatalogResolution {
    private CatalogResolution() {}

    /** Every grant with its families replaced by what they match; grants left without a model are dropped. */
    public static List<Grant> resolve(List<Grant> grants, CatalogSnapshot catalog) {
        return grants.stream()
                .map(grant -> resolve(grant, catalog))
                .filter(grant -> !grant.models().isEmpty())
                .toList();
    }

    /** One grant with its families replaced by what they match in its regions. */
    public static Grant resolve(Grant grant, CatalogSnapshot catalog) {
        Set<String> models = new LinkedHashSet<>();
        for (String entry : grant.models()) {
            if (ModelId.parse(entry).orElse(null) instanceof Family family) {
                models.addAll(matches(family, grant.regions(), catalog));
            } else {
                models.add(entry);
            }
        }
        return new Grant(List.copyOf(models), grant.regions());
    }

    /** The ids a family stands for in these regions, sorted; empty when Bedrock offers none of them there. */
    public static SortedSet<String> matches(Family family, Collection<String> regions, CatalogSnapshot catalog) {
        SortedSet<String> ids = new TreeSet<>();
        for (String region : regions) {
            catalog.region(region).ifPresent(offered -> {
                offered.foundationModels().stream()
                        .filter(model -> model.onDemand() && family.covers(model.id()))
                        .forEach(model -> ids.add(model.id()));
                offered.inferenceProfiles().stream()
                        .filter(profile -> profile.systemDefined() && profile.active() && family.covers(profile.id()))
                        .forEach(profile -> ids.add(profile.id()));
            });
        }
        return ids;
    }
}
