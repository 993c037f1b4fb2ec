package broker.lambda.core.entitlements;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A validated entitlements document: which groups may use which models, where, and for how long.
 * CONTRACT STUB: the entitlements work fills in the body; signatures are fixed.
 */
public final class EntitlementsDocument {

    /** Parses and validates; throws with every problem when the document is not valid. */
    public static EntitlementsDocument parse(String json) throws InvalidEntitlementsException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The entitlement of a caller in these groups, or empty when no profile applies to them. */
    public Optional<Entitlement> entitlementFor(Collection<String> groups) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** One grant per profile in the document (default and every group): the Bedrock role's ceiling. */
    public List<Grant> allGrants() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The names of the document's groups, sorted (SnapStart priming signs in as a member of all of them). */
    public List<String> groupNames() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Every region named anywhere in the document (the Bedrock role's ceiling), sorted. */
    public List<String> allRegions() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Every model id named anywhere in the document (the Bedrock role's ceiling), sorted. */
    public List<String> allModels() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
