package broker.lambda.core.pricing;

import broker.lambda.core.InvalidDocumentException;
import java.util.List;

/** Thrown when a pricing document fails validation (at synth and at start-up); carries every problem found. */
public final class InvalidPricingException extends InvalidDocumentException {
    public InvalidPricingException(List<PricingProblem> problems) {
        super("pricing", problems);
    }

    public List<PricingProblem> problems() {
        return problems(PricingProblem.class);
    }
}
