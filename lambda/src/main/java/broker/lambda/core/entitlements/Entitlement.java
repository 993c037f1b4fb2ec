package broker.lambda.core.entitlements;

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
}
