package broker.lambda.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BudgetCheckPropertiesTest {
    private static final long MAX_CAP = 1_000_000_000L * 1_000_000L; // the validator's largest cap

    @Property(tries = 1000)
    void issuance_isNeverAllowed_whenRecordedSpendIsAtOrOverACap(
            @ForAll("budgets") Budget budget, @ForAll("overrides") Optional<BudgetOverride> override,
            @ForAll @LongRange(min = 0, max = 2 * MAX_CAP) long day, @ForAll @LongRange(min = 0, max = 2 * MAX_CAP) long month,
            @ForAll @LongRange(min = 1_600_000_000L, max = 4_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 4) int pin) {
        Instant now = Instant.ofEpochSecond(epochSecond);
        Budget pinned = BudgetCheck.effective(budget, override, now);
        // Half the tries sit exactly at a cap or one micro-dollar below it: the boundary the property is about.
        switch (pin) {
            case 1 -> day = pinned.dailyMicroUsd().orElse(day);
            case 2 -> month = pinned.monthlyMicroUsd().orElse(month);
            case 3 -> day = pinned.dailyMicroUsd().orElse(day + 1) - 1;
            case 4 -> month = pinned.monthlyMicroUsd().orElse(month + 1) - 1;
            default -> { }
        }
        Spend spend = new Spend(usage(Period.dayOf(now), day), usage(Period.monthOf(now), month));

        BudgetDecision decision = BudgetCheck.decide(budget, override, spend, Clock.fixed(now, ZoneOffset.UTC));

        Budget effective = BudgetCheck.effective(budget, override, now);
        boolean overACap = effective.dailyMicroUsd().isPresent() && day >= effective.dailyMicroUsd().getAsLong()
                || effective.monthlyMicroUsd().isPresent() && month >= effective.monthlyMicroUsd().getAsLong();
        assertThat(decision instanceof BudgetDecision.Exhausted).isEqualTo(overACap);
        switch (decision) {
            case BudgetDecision.Exhausted e -> {
                assertThat(e.resetsAt()).isAfter(now);
                assertThat(e.retryAfter().getSeconds()).isPositive();
                assertThat(e.cap().exhausted()).isTrue();
            }
            case BudgetDecision.Shortened s -> {
                assertThat(s.maxSeconds()).isEqualTo(900);
                assertThat(s.threshold()).isEqualTo(effective.lastThreshold());
            }
            case BudgetDecision.Warned w -> assertThat(w.standing().exhausted()).isFalse();
            case BudgetDecision.WithinBudget ignored -> { }
        }
    }

    @Provide
    Arbitrary<Budget> budgets() {
        Arbitrary<OptionalLong> cap = Arbitraries.longs().between(1, MAX_CAP).map(OptionalLong::of);
        Arbitrary<OptionalLong> maybe = Arbitraries.oneOf(cap, Arbitraries.just(OptionalLong.empty()));
        Arbitrary<List<Integer>> thresholds = Arbitraries.integers().between(1, 99).set().ofMinSize(1).ofMaxSize(5)
                .map(s -> new ArrayList<>(new TreeSet<>(s)));
        return Combinators.combine(maybe, maybe, thresholds).as(Budget::new);
    }

    @Provide
    Arbitrary<Optional<BudgetOverride>> overrides() {
        Arbitrary<BudgetOverride> some = Combinators.combine(budgets(),
                        Arbitraries.longs().between(1_600_000_000L, 4_000_000_000L).map(Instant::ofEpochSecond))
                .as(BudgetOverride::new);
        return Arbitraries.oneOf(some.map(Optional::of), Arbitraries.just(Optional.empty()));
    }

    private static OwnerUsage usage(Period period, long microUsd) {
        return new OwnerUsage(period, new UsageTotals(1, 0, 0, 0, 0, microUsd), Map.of(), null);
    }
}
