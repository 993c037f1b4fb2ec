package broker.lambda.core.usage;

/**
 * Counted usage: requests, the four token counts and their cost in micro-USD (millionths of a dollar).
 *
 * @param requests         logged requests
 * @param inputTokens      input tokens
 * @param outputTokens     output tokens
 * @param cacheReadTokens  input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param costMicroUsd     the cost at the prices in force when each record was counted
 */
public record UsageTotals(long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                          long cacheWriteTokens, long costMicroUsd) {
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0);

    public UsageTotals {
        if (requests < 0 || inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0
                || costMicroUsd < 0) {
            throw new IllegalArgumentException("usage totals must not be negative");
        }
    }

    /** The usage of one record. */
    public static UsageTotals of(InvocationRecord record, long costMicroUsd) {
        return new UsageTotals(1, record.inputTokens(), record.outputTokens(), record.cacheReadTokens(),
                record.cacheWriteTokens(), costMicroUsd);
    }

    /** The sum; throws {@link ArithmeticException} on overflow rather than wrapping. */
    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(Math.addExact(requests, other.requests), Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(outputTokens, other.outputTokens), Math.addExact(cacheReadTokens, other.cacheReadTokens),
                Math.addExact(cacheWriteTokens, other.cacheWriteTokens), Math.addExact(costMicroUsd, other.costMicroUsd));
    }

    /** The cost in USD, for display. */
    public java.math.BigDecimal costUsd() {
        return java.math.BigDecimal.valueOf(costMicroUsd, 6);
    }
}
