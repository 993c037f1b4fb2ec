package broker.lambda.core.entitlements;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when an entitlements document fails validation; carries every problem found. */
public final class InvalidEntitlementsException extends Exception {
    private final transient List<EntitlementsProblem> problems;

    public InvalidEntitlementsException(List<EntitlementsProblem> problems) {
        super("invalid entitlements document: " + problems.stream().map(EntitlementsProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<EntitlementsProblem> problems() {
        return problems;
    }
}
