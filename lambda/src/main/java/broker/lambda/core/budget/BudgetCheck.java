package broker.lambda.core.budget;

import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The budget decision at issuance, pure: the person's effective budget (an unexpired admin override, else the
 * entitlements' budget), their recorded spend in the current UTC day and month, and the clock. Periods are UTC: a day
 * resets at 00:00 UTC, a month at 00:00 UTC on its first day. Spend the ledger reports for another day or month than
 * the clock's (a stale read across midnight) counts as nothing in the current period.
 */
public final class BudgetCheck {
    private BudgetCheck() {}

    /** The budget in force at {@code now}: the override while it applies, else the entitlements' budget. */
    public static Budget effective(Budget entitled, Optional<BudgetOverride> override, Instant now) {
        return override.filter(o -> o.appliesAt(now)).map(BudgetOverride::budget).orElse(entitled);
    }

    public static BudgetDecision decide(Budget entitled, Optional<BudgetOverride> override, Spend spend, Clock clock) {
        Instant now = clock.instant();
        Budget budget = effective(entitled, override, now);
        List<BudgetStanding> standings = standings(budget, spend, now);

        Optional<BudgetStanding> exhausted = standings.stream().filter(BudgetStanding::exhausted)
                .max(Comparator.comparing(BudgetStanding::resetsAt));
        if (exhausted.isPresent()) {
            Instant resetsAt = exhausted.get().resetsAt();
            Duration retryAfter = Duration.between(now, resetsAt);
            return new BudgetDecision.Exhausted(exhausted.get(), resetsAt,
                    retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter);
        }
        List<Integer> thresholds = budget.warnAtPercent();
        for (int i = thresholds.size() - 1; i >= 0; i--) {
            int threshold = thresholds.get(i);
            Optional<BudgetStanding> crossed = standings.stream().filter(s -> s.atOrAbove(threshold))
                    .max(Comparator.comparing((BudgetStanding s) -> (double) s.usedMicroUsd() / s.limitMicroUsd()));
            if (crossed.isPresent()) {
                return i == thresholds.size() - 1
                        ? new BudgetDecision.Shortened(BudgetDecision.SHORTENED_MAX_SECONDS, crossed.get(), threshold)
                        : new BudgetDecision.Warned(crossed.get(), threshold);
            }
        }
        return new BudgetDecision.WithinBudget();
    }

    /** Where the person stands in each capped period at {@code now}: the day first, then the month; empty without caps. */
    public static List<BudgetStanding> standings(Budget budget, Spend spend, Instant now) {
        List<BudgetStanding> standings = new ArrayList<>(2);
        standing(budget.dailyMicroUsd(), spend.day(), Period.dayOf(now)).ifPresent(standings::add);
        standing(budget.monthlyMicroUsd(), spend.month(), Period.monthOf(now)).ifPresent(standings::add);
        return standings;
    }

    private static Optional<BudgetStanding> standing(OptionalLong cap, OwnerUsage usage, Period current) {
        if (cap.isEmpty()) {
            return Optional.empty();
        }
        long used = usage.period().equals(current) ? usage.total().costMicroUsd() : 0;
        return Optional.of(new BudgetStanding(current.kind(), used, cap.getAsLong(), current.end()));
    }
}
