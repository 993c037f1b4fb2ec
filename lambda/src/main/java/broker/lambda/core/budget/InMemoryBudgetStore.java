package broker.lambda.core.budget;

import broker.lambda.core.usage.UsageLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Overrides and cut-offs in memory beside any usage ledger, with the real stores' rules: for tests of the use cases
 * and for SnapStart priming, which must not touch the real table. Lost when dropped.
 */
public final class InMemoryBudgetStore implements BudgetStore {
    private final UsageLedger ledger;
    private final Map<String, BudgetOverride> overrides = new HashMap<>();
    private final Map<String, BudgetCutoff> cutoffs = new HashMap<>();

    public InMemoryBudgetStore(UsageLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public BudgetReading read(String ownerKey, LocalDate day) {
        BudgetOverride override;
        synchronized (this) {
            override = overrides.get(ownerKey);
        }
        return new BudgetReading(ledger.spend(ownerKey, day), override);
    }

    @Override
    public synchronized void putOverride(String ownerKey, BudgetOverride override) {
        overrides.put(ownerKey, Objects.requireNonNull(override, "override"));
    }

    @Override
    public synchronized boolean recordCutoff(BudgetCutoff cutoff) {
        BudgetCutoff recorded = cutoffs.get(cutoff.ownerKey());
        if (recorded != null && !recorded.resetsAt().isBefore(cutoff.resetsAt())) return false;
        cutoffs.put(cutoff.ownerKey(), cutoff);
        return true;
    }

    @Override
    public synchronized void updateCutoff(BudgetCutoff cutoff) {
        cutoffs.put(cutoff.ownerKey(), cutoff);
    }

    @Override
    public synchronized List<BudgetCutoff> cutoffs() {
        return new ArrayList<>(cutoffs.values());
    }

    @Override
    public synchronized void removeCutoff(BudgetCutoff cutoff) {
        cutoffs.computeIfPresent(cutoff.ownerKey(),
                (key, recorded) -> recorded.resetsAt().equals(cutoff.resetsAt()) ? null : recorded);
    }
}
