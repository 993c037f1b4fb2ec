package broker.lambda.core.entitlements;

import java.util.List;

/**
 * Checks an entitlements document's format and reports every problem with its JSON path. The size of the session
 * policies a document leads to is checked on top of this by {@code policy.EntitlementsCheck}, which the broker (at
 * start-up) and {@code infra} (so that a bad document fails {@code cdk synth}) call.
 */
public final class EntitlementsValidator {
    private EntitlementsValidator() {}

    /** Every problem in the document; empty when it is valid. Never throws for any input string. */
    public static List<EntitlementsProblem> validate(String json) {
        return EntitlementsReader.read(json).problems();
    }
}
