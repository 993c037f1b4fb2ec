package broker.lambda.core.budget;

import broker.lambda.core.Require;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.usage.Owner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each person's cap and state for the admins' usage report: the budget in force (their groups' as last counted, or an
 * override) and one of {@code ok}, {@code warned}, {@code shortened}, {@code exhausted} or {@code cut-off} (a cut-off
 * recorded and not yet restored). One read per person plus one read of the cut-offs.
 */
public final class BudgetStates {
    /** A person's budget in force and state. */
    public record State(Budget budget, String state, boolean overridden) {
        public State {
            Require.nonNull("budget state", budget, state);
        }
    }

    private final EntitlementsDocument entitlements;
    private final BudgetStore store;
    private final Clock clock;

    public BudgetStates(EntitlementsDocument entitlements, BudgetStore store, Clock clock) {
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The state of each of {@code owners} (unattributed left out), by owner key.
     *
     * @throws broker.lambda.core.state.StateUnavailableException when the store cannot be read
     */
    public Map<String, State> of(Collection<Owner> owners) {
        Instant now = clock.instant();
        Clock at = Clock.fixed(now, ZoneOffset.UTC);
        Map<String, BudgetCutoff> cutoffs = new HashMap<>();
        store.cutoffs().forEach(c -> cutoffs.put(c.ownerKey(), c));
        Map<String, State> states = new HashMap<>();
        for (Owner owner : owners) {
            if (owner.kind() == Owner.Kind.UNATTRIBUTED) continue;
            BudgetReading reading = store.read(owner.key(), LocalDate.ofInstant(now, ZoneOffset.UTC));
            // People's budgets never apply to workloads (see BudgetGate).
            Budget entitled = owner.kind() == broker.lambda.core.usage.Owner.Kind.WORKLOAD ? Budget.UNLIMITED
                    : entitlements.budgetFor(owner.groups());
            BudgetDecision decision = BudgetCheck.decide(entitled, reading.storedOverride(), reading.spend(), at);
            BudgetCutoff cutoff = cutoffs.get(owner.key());
            String state = cutoff != null && !cutoff.dueAt(now) ? "cut-off" : switch (decision) {
                case BudgetDecision.WithinBudget w -> "ok";
                case BudgetDecision.Warned w -> "warned";
                case BudgetDecision.Shortened s -> "shortened";
                case BudgetDecision.Exhausted e -> "exhausted";
            };
            states.put(owner.key(), new State(BudgetCheck.effective(entitled, reading.storedOverride(), now), state,
                    reading.overrideAt(now).isPresent()));
        }
        return states;
    }
}
