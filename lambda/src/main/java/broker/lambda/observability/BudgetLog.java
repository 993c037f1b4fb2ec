package broker.lambda.observability;

import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.core.budget.cutoff.BudgetEvents;
import java.util.List;

/**
 * The cut-off's and the restore's audit lines, through the functions' audit log (so the same JSON line and EMF metrics
 * as the routes'): {@code "action":"budget-cutoff"} with outcome {@code revoked} (metric {@code Revoked}),
 * {@code "action":"budget-restore"} with outcome {@code changed} (metric {@code Changed}), and a failure of either
 * as outcome {@code refused}, reason {@code budget-enforcement-failed} (metric {@code Refused}, which the stack alarms on).
 */
public final class BudgetLog implements BudgetEvents {
    /** The reason of a failed cut-off or restore. */
    public static final String FAILED = "budget-enforcement-failed";
    private static final AuditEvent.Request SCHEDULED = new AuditEvent.Request(null, null, null);

    private final AuditLog audit;

    public BudgetLog(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void cutOff(BudgetCutoff cutoff, String sourceIdentityPattern) {
        audit.record(new AuditEvent(BudgetEnforcer.CUTOFF, SCHEDULED, target(cutoff.subject()),
                new AuditEvent.Revoked(cutoff.keyIds().isEmpty() ? null : String.join(",", cutoff.keyIds()), cutoff.cutAt(),
                        sourceIdentityPattern)));
    }

    @Override
    public void restored(BudgetCutoff cutoff, List<String> reactivated, String reason) {
        audit.record(new AuditEvent(BudgetEnforcer.RESTORE, SCHEDULED, target(cutoff.subject()),
                new AuditEvent.Changed(cutoff.resetsAt(), "reactivated=" + String.join(",", reactivated)
                        + " period=" + cutoff.period() + " reason=" + reason)));
    }

    @Override
    public void failed(String action, String subject, String cause) {
        audit.record(new AuditEvent(action, SCHEDULED, target(subject), new AuditEvent.Refused(FAILED, cause)));
    }

    private static AuditEvent.Actor target(String subject) {
        return new AuditEvent.Actor(null, null, subject);
    }
}
