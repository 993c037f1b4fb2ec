package broker.lambda.core.budget;

import java.time.Duration;
import java.time.Instant;

/** What a budget allows at issuance. Switch without {@code default}: a new case breaks the build. */
public sealed interface BudgetDecision {
    /** The most a session may last at or above the last threshold: STS's minimum, which bounds the overshoot. */
    int SHORTENED_MAX_SECONDS = 900;

    /** No cap, or below every threshold of every capped period: issue as usual. */
    record WithinBudget() implements BudgetDecision {}

    /**
     * At or above a warning threshold (not the last) of a period: issue as usual, and the answer carries the standing.
     *
     * @param standing  the period that crossed the highest threshold
     * @param threshold the highest threshold crossed, in percent
     */
    record Warned(BudgetStanding standing, int threshold) implements BudgetDecision {}

    /**
     * At or above the last threshold of a period, under its cap: sessions last at most {@code maxSeconds}.
     *
     * @param maxSeconds the longest session ({@link #SHORTENED_MAX_SECONDS})
     * @param standing   the period that crossed the last threshold
     * @param threshold  that threshold, in percent
     */
    record Shortened(int maxSeconds, BudgetStanding standing, int threshold) implements BudgetDecision {}

    /**
     * At or over the cap of a period: refuse (429 {@code budget-exhausted}) until it resets.
     *
     * @param cap        the exhausted period; when both are, the one that resets last
     * @param resetsAt   when issuance may succeed again
     * @param retryAfter from now until {@code resetsAt}, at least one second
     */
    record Exhausted(BudgetStanding cap, Instant resetsAt, Duration retryAfter) implements BudgetDecision {}
}
