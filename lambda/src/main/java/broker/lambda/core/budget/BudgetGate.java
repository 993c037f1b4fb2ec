package broker.lambda.core.budget;

import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.UsageViews;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The budget check at issuance: one read of the person's spend and override ({@link BudgetStore#read}), then the pure
 * {@link BudgetCheck#decide}. Used by {@code POST /v1/credentials}, {@code /v1/bearer-tokens} and {@code /v1/api-keys},
 * and by {@code GET /v1/me} to show the person's budget.
 *
 * <p>When the store cannot be read, a person whose entitlements cap them is refused for now (the caller answers 503:
 * failing open would let a capped person past the cap exactly when nobody can see it); a person without an entitled cap
 * is let through (only an override could have capped them, and an override is rare and short-lived).
 */
public final class BudgetGate {
    /** No budgets: every check is {@link BudgetDecision.WithinBudget} without a read (no ledger, priming, tests). */
    public static final BudgetGate OFF = new BudgetGate(null, null, Clock.systemUTC());

    private final EntitlementsDocument entitlements;
    private final BudgetStore store;
    private final Clock clock;

    public BudgetGate(EntitlementsDocument entitlements, BudgetStore store, Clock clock) {
        this.entitlements = entitlements;
        this.store = store;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when budgets are checked at all. */
    public boolean enabled() {
        return store != null;
    }

    /**
     * The decision for this person now.
     *
     * @throws StateUnavailableException when the store cannot be read and the person's entitlements cap them
     */
    public BudgetDecision check(Identity identity) {
        return status(identity).decision();
    }

    /**
     * Where this person stands: their effective budget, the override if one applies, each capped period and the
     * decision; {@link BudgetStatus#UNCHECKED} when budgets are off.
     *
     * @throws StateUnavailableException when the store cannot be read and the person's entitlements cap them
     */
    public BudgetStatus status(Identity identity) {
        if (store == null) return BudgetStatus.UNCHECKED;
        // A person's profiles (and so their budgets) never apply to a workload; workload entries carry no budget yet.
        Budget entitled = identity.isWorkload() ? Budget.UNLIMITED : entitlements.budgetFor(identity.groups());
        Instant now = clock.instant();
        BudgetReading reading;
        try {
            reading = store.read(UsageViews.ownerKeyOf(identity), LocalDate.ofInstant(now, ZoneOffset.UTC));
        } catch (StateUnavailableException e) {
            if (entitled.unlimited()) return BudgetStatus.UNCHECKED;
            throw e;
        }
        return BudgetStatus.of(entitled, reading, Clock.fixed(now, ZoneOffset.UTC));
    }

    /**
     * Where a person stands, from what the check reads.
     *
     * @param budget     the budget in force (the override's while it applies)
     * @param override   the override in force, or null
     * @param standings  each capped period (day, then month); empty without caps
     * @param decision   what issuance does
     */
    public record BudgetStatus(Budget budget, BudgetOverride override, List<BudgetStanding> standings,
                               BudgetDecision decision) {
        /** Budgets are off, or the store could not be read for a person without an entitled cap. */
        public static final BudgetStatus UNCHECKED =
                new BudgetStatus(Budget.UNLIMITED, null, List.of(), new BudgetDecision.WithinBudget());

        public BudgetStatus {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(decision, "decision");
            standings = List.copyOf(standings);
        }

        static BudgetStatus of(Budget entitled, BudgetReading reading, Clock clock) {
            Instant now = clock.instant();
            BudgetOverride override = reading.overrideAt(now).orElse(null);
            Budget budget = BudgetCheck.effective(entitled, reading.overrideAt(now), now);
            return new BudgetStatus(budget, override, BudgetCheck.standings(budget, reading.spend(), now),
                    BudgetCheck.decide(entitled, reading.storedOverride(), reading.spend(), clock));
        }
    }
}
