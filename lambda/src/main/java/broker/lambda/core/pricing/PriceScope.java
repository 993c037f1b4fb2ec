package broker.lambda.core.pricing;

import broker.lambda.core.KebabNames;

/**
 * How a request reached its model, which Bedrock prices differently for recent models: through a {@code global.}
 * inference profile, through a geography's profile ({@code us.}, {@code eu.}, …), or in the region it was sent to.
 */
public enum PriceScope {
    /** A {@code global.} cross-region inference profile: any commercial region. */
    GLOBAL,
    /** A geography's cross-region inference profile such as {@code us.} or {@code eu.}. */
    GEOGRAPHY,
    /** The foundation model itself, in the region the request was sent to. */
    IN_REGION;

    /** The name the pricing document uses: the {@link KebabNames kebab name}, e.g. {@code in-region}. */
    public String text() {
        return KebabNames.of(this);
    }

    /** The scope named {@code text} in a pricing document, or null when it is none. */
    static PriceScope ofText(String text) {
        return KebabNames.parse(PriceScope.class, text).orElse(null);
    }
}
