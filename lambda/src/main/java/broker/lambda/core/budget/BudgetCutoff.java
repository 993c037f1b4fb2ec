package broker.lambda.core.budget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 */
public record BudgetCutoff(String ownerKey, String subject, String period, Instant cutAt, Instant resetsAt,
                           List<String> keyIds) {
    public BudgetCutoff {
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(cutAt, "cutAt");
        Objects.requireNonNull(resetsAt, "resetsAt");
        keyIds = List.copyOf(keyIds);
    }

    /** The same cut-off with these key ids deactivated. */
    public BudgetCutoff withKeys(List<String> ids) {
        return new BudgetCutoff(ownerKey, subject, period, cutAt, resetsAt, ids);
    }

    /** True when the reset has come. */
    public boolean dueAt(Instant now) {
        return !now.isBefore(resetsAt);
    }
}
