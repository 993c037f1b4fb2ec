package broker.lambda.core.budget;

import java.time.LocalDate;
import java.util.List;

/**
 * Port: the budgets' state beside the usage ledger (the broker's state table in AWS, the embedded store locally).
 * Implementations throw {@link broker.lambda.core.state.StateUnavailableException} when the store cannot be reached.
 */
public interface BudgetStore {
    /** The check's one read: the owner's day and month totals of {@code day}, and their override. */
    BudgetReading read(String ownerKey, LocalDate day);

    /** Stores (replaces) the owner's override; it stays stored after it expires, and no longer applies. */
    void putOverride(String ownerKey, BudgetOverride override);

    /**
     * Records a cut-off unless one for the same owner with the same or a later reset is recorded already; true when
     * this call recorded it (so exactly one ingestion run cuts a person off per crossing).
     */
    boolean recordCutoff(BudgetCutoff cutoff);

    /** Replaces a recorded cut-off (the keys it deactivated, once known). */
    void updateCutoff(BudgetCutoff cutoff);

    /** Every recorded cut-off not yet restored. */
    List<BudgetCutoff> cutoffs();

    /** Forgets a cut-off once restored (only when it still has this reset: a newer cut-off stays). */
    void removeCutoff(BudgetCutoff cutoff);
}
