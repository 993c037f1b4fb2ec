package broker.lambda.core.policy;

import java.util.Locale;

/** Where a session policy's model ARNs came from; recorded in the audit line of every issuance. */
public enum PolicySource {
    /** Each inference profile's destinations from Bedrock's model catalog, families resolved to the ids it offers. */
    CATALOG,
    /**
     * The last catalog snapshot this function read, not trusted as current (after a SnapStart restore until a refresh
     * succeeds, or when refreshes have failed for over an hour): it can only narrow the static policy.
     */
    SNAPSHOT,
    /**
     * The entitlements alone: the catalog was unavailable (not loaded, too old, not refreshed since a restore), or the
     * exact policy would not fit the session-policy limit.
     */
    STATIC;

    /** {@code catalog} or {@code static}, as the audit line writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
