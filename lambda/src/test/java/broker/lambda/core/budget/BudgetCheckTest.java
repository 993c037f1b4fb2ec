package broker.lambda.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {
    static final Instant NOW = Instant.parse("2026-12-07T23:40:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final long USD = 1_000_000;
    static final Budget DAILY_10 = new Budget(OptionalLong.of(10 * USD), OptionalLong.empty(), List.of(80, 90));
    static final Budget MONTHLY_100 = new Budget(OptionalLong.empty(), OptionalLong.of(100 * USD), List.of(80, 90));
    static final Budget BOTH = new Budget(OptionalLong.of(10 * USD), OptionalLong.of(100 * USD), List.of(80, 90));

    static Spend spend(long dayMicroUsd, long monthMicroUsd, Instant at) {
        return new Spend(usage(Period.dayOf(at), dayMicroUsd), usage(Period.monthOf(at), monthMicroUsd));
    }

    static OwnerUsage usage(Period period, long microUsd) {
        return new OwnerUsage(period, new UsageTotals(1, 0, 0, 0, 0, microUsd), Map.of(), NOW);
    }

    static BudgetDecision decide(Budget budget, long day, long month) {
        return BudgetCheck.decide(budget, Optional.empty(), spend(day, month, NOW), CLOCK);
    }

    @Test
    void unlimited_neverRefuses() {
        assertThat(decide(Budget.UNLIMITED, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2))
                .isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void belowFirstThreshold_isWithinBudget() {
        assertThat(decide(DAILY_10, 8 * USD - 1, 0)).isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void atFirstThreshold_warnsWithTheStanding() {
        assertThat(decide(DAILY_10, 8 * USD, 0)).isEqualTo(new BudgetDecision.Warned(
                new BudgetStanding(Period.Kind.DAY, 8 * USD, 10 * USD, Instant.parse("2026-12-08T00:00:00Z")), 80));
    }

    @Test
    void atLastThreshold_shortensTo900Seconds() {
        assertThat(decide(DAILY_10, 9 * USD, 0)).isInstanceOfSatisfying(BudgetDecision.Shortened.class, s -> {
            assertThat(s.maxSeconds()).isEqualTo(900);
            assertThat(s.threshold()).isEqualTo(90);
        });
        assertThat(decide(DAILY_10, 10 * USD - 1, 0)).isInstanceOf(BudgetDecision.Shortened.class);
    }

    @Test
    void atTheCap_isExhaustedUntilUtcMidnight() {
        assertThat(decide(DAILY_10, 10 * USD, 10 * USD)).isEqualTo(new BudgetDecision.Exhausted(
                new BudgetStanding(Period.Kind.DAY, 10 * USD, 10 * USD, Instant.parse("2026-12-08T00:00:00Z")),
                Instant.parse("2026-12-08T00:00:00Z"), Duration.ofMinutes(20)));
    }

    @Test
    void monthlyCap_resetsOnTheFirstOfTheNextMonth() {
        assertThat(decide(MONTHLY_100, 0, 100 * USD)).isInstanceOfSatisfying(BudgetDecision.Exhausted.class, e -> {
            assertThat(e.cap().period()).isEqualTo(Period.Kind.MONTH);
            assertThat(e.resetsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
            assertThat(e.retryAfter()).isEqualTo(Duration.between(NOW, Instant.parse("2027-01-01T00:00:00Z")));
        });
    }

    @Test
    void bothPeriodsExhausted_retryAfterTheLaterReset() {
        assertThat(decide(BOTH, 11 * USD, 120 * USD)).isInstanceOfSatisfying(BudgetDecision.Exhausted.class,
                e -> assertThat(e.resetsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void dayWithinButMonthExhausted_isExhausted() {
        assertThat(decide(BOTH, 1 * USD, 100 * USD)).isInstanceOfSatisfying(BudgetDecision.Exhausted.class,
                e -> assertThat(e.cap().period()).isEqualTo(Period.Kind.MONTH));
    }

    @Test
    void bothPeriodsWarned_reportsTheHigherFraction() {
        assertThat(decide(BOTH, 8 * USD, 85 * USD)).isInstanceOfSatisfying(BudgetDecision.Warned.class,
                w -> assertThat(w.standing().period()).isEqualTo(Period.Kind.MONTH));
        assertThat(decide(BOTH, 9 * USD, 85 * USD)).isInstanceOfSatisfying(BudgetDecision.Shortened.class,
                s -> assertThat(s.standing().period()).isEqualTo(Period.Kind.DAY));
    }

    @Test
    void customThresholds_eachWarnsAndTheLastShortens() {
        Budget budget = new Budget(OptionalLong.of(100 * USD), OptionalLong.empty(), List.of(50, 75, 95));

        assertThat(decide(budget, 50 * USD, 0)).isEqualTo(new BudgetDecision.Warned(
                new BudgetStanding(Period.Kind.DAY, 50 * USD, 100 * USD, Instant.parse("2026-12-08T00:00:00Z")), 50));
        assertThat(decide(budget, 80 * USD, 0)).isInstanceOfSatisfying(BudgetDecision.Warned.class,
                w -> assertThat(w.threshold()).isEqualTo(75));
        assertThat(decide(budget, 95 * USD, 0)).isInstanceOf(BudgetDecision.Shortened.class);
    }

    @Test
    void override_liftsTheCapUntilItExpires() {
        var override = Optional.of(new BudgetOverride(
                new Budget(OptionalLong.of(50 * USD), OptionalLong.empty(), List.of(80, 90)), NOW.plusSeconds(60)));
        Spend spend = spend(20 * USD, 20 * USD, NOW);

        assertThat(BudgetCheck.decide(DAILY_10, override, spend, CLOCK)).isInstanceOf(BudgetDecision.WithinBudget.class);
        assertThat(BudgetCheck.decide(DAILY_10, override, spend, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)))
                .isInstanceOf(BudgetDecision.Exhausted.class);
    }

    @Test
    void override_canAlsoLowerTheCap() {
        var override = Optional.of(new BudgetOverride(
                new Budget(OptionalLong.of(1 * USD), OptionalLong.empty(), List.of(80, 90)), NOW.plusSeconds(3600)));

        assertThat(BudgetCheck.decide(Budget.UNLIMITED, override, spend(1 * USD, 1 * USD, NOW), CLOCK))
                .isInstanceOf(BudgetDecision.Exhausted.class);
    }

    @Test
    void unlimitedOverride_liftsEveryCap() {
        var override = Optional.of(new BudgetOverride(Budget.UNLIMITED, NOW.plusSeconds(1)));

        assertThat(BudgetCheck.decide(BOTH, override, spend(99 * USD, 999 * USD, NOW), CLOCK))
                .isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void yesterdaysSpend_countsAsNothingAfterUtcMidnight() {
        Instant yesterday = Instant.parse("2026-12-06T23:59:59Z");

        assertThat(BudgetCheck.decide(DAILY_10, Optional.empty(), spend(10 * USD, 10 * USD, yesterday), CLOCK))
                .isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void oneSecondBeforeReset_retryAfterIsOneSecond() {
        Clock late = Clock.fixed(Instant.parse("2026-12-07T23:59:59.500Z"), ZoneOffset.UTC);

        assertThat(BudgetCheck.decide(DAILY_10, Optional.empty(), spend(10 * USD, 0, late.instant()), late))
                .isInstanceOfSatisfying(BudgetDecision.Exhausted.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }
}
