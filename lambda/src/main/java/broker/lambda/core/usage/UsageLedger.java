package broker.lambda.core.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Port: the usage ledger (DynamoDB in AWS, the embedded store locally). Rows are keyed by (owner key, period, model);
 * each owner's total row per period ({@link LedgerDelta#ALL_MODELS}) is what budgets read.
 */
public interface UsageLedger {
    /**
     * The most items one atomic {@link #apply} may hold (claims, rows and the month's warnings item): DynamoDB
     * transactions hold 100; an embedded store has no such limit.
     */
    int maxItemsPerWrite();

    /** Those of {@code requestIds} whose claim is still kept (already counted). */
    Set<String> counted(Collection<String> requestIds);

    /**
     * Claims every request id of the batch and adds every delta, all or nothing: when any id is already claimed
     * nothing is written ({@link LedgerWrite.AlreadyCounted}).
     */
    LedgerWrite apply(LedgerBatch batch);

    /** The owner's spend on {@code day} and in its month: the two total rows, one read. */
    Spend spend(String ownerKey, LocalDate day);

    /** The owner's usage in {@code period}, by model. */
    OwnerUsage usage(String ownerKey, Period period);

    /** Every owner's total row of {@code month} ({@link Owner#UNATTRIBUTED} included when anything was counted). */
    List<OwnerTotals> month(YearMonth month);

    /** The models priced by the fallback in {@code month}, for the admins' warnings. */
    Set<String> fallbackPriced(YearMonth month);
}
