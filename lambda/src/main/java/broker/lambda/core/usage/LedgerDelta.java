package broker.lambda.core.usage;

import broker.lambda.core.Require;

/**
 * What one batch adds to one ledger row: an owner's usage of one model (or of all models, {@link #ALL_MODELS}) in one
 * period. A batch holds at most one delta per (owner, period, model).
 *
 * @param owner  whose usage
 * @param period the day or month
 * @param model  the foundation-model id (the logged id when it names none), or {@link #ALL_MODELS}
 * @param totals what to add
 */
public record LedgerDelta(Owner owner, Period period, String model, UsageTotals totals) {
    /** The model key of an owner's total row in a period (the row a budget check reads). */
    public static final String ALL_MODELS = "*";

    public LedgerDelta {
        Require.nonNull("owner period model totals", owner, period, model, totals);
    }
}
