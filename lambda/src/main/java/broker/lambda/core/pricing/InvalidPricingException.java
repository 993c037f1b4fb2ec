package broker.lambda.core.pricing;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a pricing document fails validation (at synth and at start-up); carries every problem found. */
public final class InvalidPricingException extends Exception {
    private final transient List<PricingProblem> problems;

    public InvalidPricingException(List<PricingProblem> problems) {
        super("invalid pricing document: " + problems.stream().map(PricingProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<PricingProblem> problems() {
        return problems;
    }
}
