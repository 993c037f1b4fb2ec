package broker.lambda.core.budget;

import broker.lambda.core.Require;
import java.time.Instant;
import java.util.List;

/**
 * A person cut off on crossing a cap: their sessions revoked and their long-term keys set Inactive until
 * {@code resetsAt}, when the restore function reactivates exactly {@code keyIds} (never a key an admin or the person
 * deactivated for another reason).
 *
 * @param ownerKey the person's ledger key
 * @param subject  their OIDC subject (the IAM user of their long-term keys is named from it)
 * @param period   the period whose cap was crossed ({@code day} or {@code month})
 * @param cutAt    when the cut-off ran
 * @param resetsAt when that period ends and the keys are reactivated
 * @param keyIds   the long-term keys this cut-off set Inactive
 * @param complete true once the revocation and every key's deactivation succeeded; until then the scheduled pass
 *                 ({@link BudgetEnforcer#restoreDue}) drives it again
 */
public record BudgetCutoff(String ownerKey, String subject, String period, Instant cutAt, Instant resetsAt,
                           List<String> keyIds, boolean complete) {
    public BudgetCutoff {
        Require.nonNull("ownerKey subject period cutAt resetsAt", ownerKey, subject, period, cutAt, resetsAt);
        keyIds = List.copyOf(keyIds);
    }

    /** A cut-off recorded before its revocation and deactivations ran (not complete). */
    public BudgetCutoff(String ownerKey, String subject, String period, Instant cutAt, Instant resetsAt,
                        List<String> keyIds) {
        this(ownerKey, subject, period, cutAt, resetsAt, keyIds, false);
    }

    /** The same cut-off with these key ids deactivated (still incomplete). */
    public BudgetCutoff withKeys(List<String> ids) {
        return new BudgetCutoff(ownerKey, subject, period, cutAt, resetsAt, ids, false);
    }

    /** The same cut-off with these key ids deactivated, the revocation and every deactivation done. */
    public BudgetCutoff completed(List<String> ids) {
        return new BudgetCutoff(ownerKey, subject, period, cutAt, resetsAt, ids, true);
    }

    /** True when the reset has come. */
    public boolean dueAt(Instant now) {
        return !now.isBefore(resetsAt);
    }
}
