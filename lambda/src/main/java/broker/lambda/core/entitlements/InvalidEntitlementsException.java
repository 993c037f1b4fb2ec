package broker.lambda.core.entitlements;

import broker.lambda.core.InvalidDocumentException;
import java.util.List;

/** Thrown when an entitlements document fails validation; carries every problem found. */
public final class InvalidEntitlementsException extends InvalidDocumentException {
    public InvalidEntitlementsException(List<EntitlementsProblem> problems) {
        super("entitlements", problems);
    }

    public List<EntitlementsProblem> problems() {
        return problems(EntitlementsProblem.class);
    }
}
