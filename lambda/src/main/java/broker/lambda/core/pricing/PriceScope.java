package broker.lambda.core.pricing;

/**
 * How a request reached its model, which Bedrock prices differently for recent models: through a {@code global.}
 * inference profile, through a geography's profile ({@code us.}, {@code eu.}, …), or in the region it was sent to.
 */
public enum PriceScope {
    /** A {@code global.} cross-region inference profile: any commercial region. */
    GLOBAL("global"),
    /** A geography's cross-region inference profile such as {@code us.} or {@code eu.}. */
    GEOGRAPHY("geography"),
    /** The foundation model itself, in the region the request was sent to. */
    IN_REGION("in-region");

    private final String text;

    PriceScope(String text) {
        this.text = text;
    }

    /** The name the pricing document uses. */
    public String text() {
        return text;
    }

    /** The scope named {@code text} in a pricing document, or null when it is none. */
    static PriceScope ofText(String text) {
        for (PriceScope scope : values()) {
            if (scope.text.equals(text)) return scope;
        }
        return null;
    }
}
