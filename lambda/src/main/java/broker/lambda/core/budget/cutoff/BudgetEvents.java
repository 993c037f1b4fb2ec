package broker.lambda.core.budget.cutoff;

import broker.lambda.core.budget.BudgetCutoff;
import java.util.List;

/** Port: what the cut-off and the restore report (audit lines and EMF metrics in Lambda); never a secret. */
public interface BudgetEvents {
    /** Reports nothing. */
    BudgetEvents NONE = new BudgetEvents() {
        @Override public void cutOff(BudgetCutoff cutoff, String sourceIdentityPattern) {}
        @Override public void restored(BudgetCutoff cutoff, List<String> reactivated, String reason) {}
        @Override public void failed(String action, String subject, String cause) {}
    };

    /**
     * A person crossed a cap: their sessions issued before {@code cutoff.cutAt()} are denied (SourceIdentity
     * {@code sourceIdentityPattern}) and {@code cutoff.keyIds()} set Inactive until {@code cutoff.resetsAt()}.
     */
    void cutOff(BudgetCutoff cutoff, String sourceIdentityPattern);

    /**
     * The reset came ({@code reason} {@code reset}) or an admin override lifted the person below the caps
     * ({@code override}): {@code reactivated} of the cut-off's keys are Active again (the others are gone or expired).
     */
    void restored(BudgetCutoff cutoff, List<String> reactivated, String reason);

    /**
     * A cut-off or restore could not be completed; it is tried again (the next batch that charges the person, the
     * next scheduled restore).
     *
     * @param action {@code budget-cutoff} or {@code budget-restore}
     * @param cause  what failed ({@code iam:Throttling}, {@code dynamodb}), never a value of a record
     */
    void failed(String action, String subject, String cause);
}
