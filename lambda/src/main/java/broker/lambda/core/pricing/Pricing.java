package broker.lambda.core.pricing;

/** The price that applies to one logged request. */
public sealed interface Pricing {
    /** The price per million tokens. */
    TokenPrice price();

    /**
     * A price entry matched the model.
     *
     * @param price the entry's price
     * @param match the entry's {@code match} pattern, e.g. {@code anthropic.claude-sonnet-4-5*}
     */
    record Listed(TokenPrice price, String match) implements Pricing {}

    /**
     * No entry matched: the document's stated fallback applies and the model belongs in the admins' warnings.
     *
     * @param price the fallback price
     * @param model the model key that no entry matched
     */
    record Fallback(TokenPrice price, String model) implements Pricing {}
}
