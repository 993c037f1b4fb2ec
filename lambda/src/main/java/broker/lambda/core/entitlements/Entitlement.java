package broker.lambda.core.entitlements;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one caller may do: the union of the default profile and every profile of the caller's groups.
 *
 * @param grants            models per region, one per contributing profile (duplicates removed)
 * @param maxSessionSeconds the longest session any contributing profile allows (900..3600)
 * @param shortTermKeys     true when any contributing profile allows short-term Bedrock API keys
 * @param longTermKeys      the most generous long-term key bounds among contributing profiles
 * @param admin             true when the caller is in one of the document's admin groups
 */
public record Entitlement(List<Grant> grants, int maxSessionSeconds, boolean shortTermKeys,
                          LongTermKeys longTermKeys, boolean admin) {
    public Entitlement {
        grants = List.copyOf(grants);
    }

    /** Every model id of every grant, in first-seen order. */
    public List<String> models() {
        Set<String> all = new LinkedHashSet<>();
        grants.forEach(g -> all.addAll(g.models()));
        return List.copyOf(all);
    }

    /** Every region of every grant, in first-seen order. */
    public List<String> regions() {
        Set<String> all = new LinkedHashSet<>();
        grants.forEach(g -> all.addAll(g.regions()));
        return List.copyOf(all);
    }

    /** True when some grant names both the model and the region. */
    public boolean allows(String model, String region) {
        return grants.stream().anyMatch(g -> g.allows(model, region));
    }

    /** The regions in which this model may be used (named exactly or by a family), in first-seen order; empty when none. */
    public List<String> regionsFor(String model) {
        Set<String> all = new LinkedHashSet<>();
        grants.stream().filter(g -> g.covers(model)).forEach(g -> all.addAll(g.regions()));
        return List.copyOf(all);
    }

    /**
     * The grants cut down to a request: every grant keeps only the requested ids it covers (an entry it lists, or an
     * id one of its families matches) and the requested regions, and grants left without a model or a region are
     * dropped. Narrowing never widens: nothing is kept that the request did not name. Narrowing to entries the grants
     * list never makes the session policy longer; an id matched by a family becomes an entry of its own, which can
     * (see {@code CredentialsService}).
     */
    public List<Grant> narrowedTo(Collection<String> models, Collection<String> regions) {
        return Grant.narrowAll(grants, models, regions);
    }
}
