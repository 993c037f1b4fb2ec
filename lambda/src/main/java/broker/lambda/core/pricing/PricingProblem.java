package broker.lambda.core.pricing;

/**
 * One thing wrong with a pricing document.
 *
 * @param path    JSON path of the offending value, e.g. {@code $.models[2].output}
 * @param message one sentence saying what is wrong and what is allowed
 */
public record PricingProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
