package broker.lambda.core.reconcile;

import java.util.Optional;

/**
 * What one reconciliation run came to.
 *
 * @param users           key users found under the broker's path (exactly that path)
 * @param keysDeactivated keys set inactive
 * @param usersDeleted    keyless users deleted
 * @param usersKept       keyless users kept (see {@link ReconcileAction.UserKept})
 * @param failures        IAM calls that failed
 * @param quota           the account's IAM users against the quota, or null when it could not be read
 */
public record ReconcileReport(int users, int keysDeactivated, int usersDeleted, int usersKept, int failures,
                              UserQuota quota) {
    /** The quota, if it was read. */
    public Optional<UserQuota> quotaIfRead() {
        return Optional.ofNullable(quota);
    }
}
