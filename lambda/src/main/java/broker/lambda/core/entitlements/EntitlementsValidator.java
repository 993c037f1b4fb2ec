package broker.lambda.core.entitlements;

import java.util.List;

/**
 * Checks an entitlements document and reports every problem with its JSON path; used by the broker
 * at start-up and by {@code infra} so that a bad document fails {@code cdk synth}.
 */
public final class EntitlementsValidator {
    private EntitlementsValidator() {}

    /** Every problem in the document; empty when it is valid. Never throws for any input string. */
    public static List<EntitlementsProblem> validate(String json) {
        return EntitlementsReader.read(json).problems();
    }
}
