package broker.lambda.core.budget.cutoff;

import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.IngestionReport;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.RecordReading;
import java.util.Map;
import java.util.Objects;

/**
 * Ingestion's events, passed on, with the cut-off: every batch that charged someone has {@link BudgetEnforcer} check
 * the people it charged, right after the ledger write (so within the ingestion lag of the crossing record).
 */
public final class CrossingWatch implements IngestionEvents {
    private final IngestionEvents events;
    private final BudgetEnforcer enforcer;

    public CrossingWatch(IngestionEvents events, BudgetEnforcer enforcer) {
        this.events = Objects.requireNonNull(events, "events");
        this.enforcer = Objects.requireNonNull(enforcer, "enforcer");
    }

    @Override
    public void skipped(int index, RecordReading.Skipped skipped) {
        events.skipped(index, skipped);
    }

    @Override
    public void ingested(IngestionReport report) {
        events.ingested(report);
    }

    @Override
    public void charged(Map<Owner, Long> costMicroUsdByOwner) {
        events.charged(costMicroUsdByOwner);
        enforcer.checkCrossings(costMicroUsdByOwner.keySet());
    }
}
