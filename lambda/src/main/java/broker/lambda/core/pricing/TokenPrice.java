package broker.lambda.core.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What one model charges, in USD per million tokens of each kind Bedrock's invocation log counts.
 *
 * <p>A price of {@code P} USD per million tokens is {@code P} micro-USD per token, so a record's cost in micro-USD
 * is the sum of its token counts times these prices; it is rounded half-up once per record (at most half a
 * micro-USD of error per record), so the same record always costs the same, whatever batch it comes in.
 *
 * @param input      per million input tokens (not read from or written to the prompt cache)
 * @param output     per million output tokens
 * @param cacheRead  per million input tokens read from the prompt cache
 * @param cacheWrite per million input tokens written to the prompt cache
 */
public record TokenPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {
    /** The largest price accepted: far above any Bedrock model's, small enough that no cost can overflow. */
    public static final BigDecimal MAX_USD_PER_MILLION = BigDecimal.valueOf(10_000);
    /** At most this many decimal places (a millionth of a dollar per million tokens). */
    public static final int MAX_SCALE = 6;

    public TokenPrice {
        input = check(input, "input");
        output = check(output, "output");
        cacheRead = check(cacheRead, "cacheRead");
        cacheWrite = check(cacheWrite, "cacheWrite");
    }

    /** A price from plain numbers, for the shipped defaults and tests. */
    public static TokenPrice of(String input, String output, String cacheRead, String cacheWrite) {
        return new TokenPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cacheRead),
                new BigDecimal(cacheWrite));
    }

    /**
     * The cost of one invocation in micro-USD, rounded half-up.
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public long costMicroUsd(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        BigDecimal micro = input.multiply(BigDecimal.valueOf(inputTokens))
                .add(output.multiply(BigDecimal.valueOf(outputTokens)))
                .add(cacheRead.multiply(BigDecimal.valueOf(cacheReadTokens)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(cacheWriteTokens)));
        return micro.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** This price times {@code factor} (e.g. 1.1 for a regional premium), kept to {@link #MAX_SCALE} places. */
    public TokenPrice times(BigDecimal factor) {
        return new TokenPrice(scaled(input, factor), scaled(output, factor), scaled(cacheRead, factor),
                scaled(cacheWrite, factor));
    }

    private static BigDecimal scaled(BigDecimal price, BigDecimal factor) {
        return price.multiply(factor).setScale(MAX_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal check(BigDecimal price, String name) {
        Objects.requireNonNull(price, name);
        if (price.signum() < 0 || price.compareTo(MAX_USD_PER_MILLION) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_USD_PER_MILLION + " USD per million tokens");
        }
        if (price.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException(name + " has more than " + MAX_SCALE + " decimal places");
        }
        return price.stripTrailingZeros();
    }
}
