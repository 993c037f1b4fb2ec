package broker.lambda.core.reconcile;

import java.time.Instant;
import java.util.Objects;

/** One thing a reconciliation run did, or failed to do, to a key user: each becomes an audit line. */
public sealed interface ReconcileAction {
    /** The IAM user the action concerns. */
    String userName();

    /**
     * A key of a person not seen for longer than the configured days was set {@code Inactive} (never deleted: an admin
     * or the person can still see it, and an admin can reactivate it in IAM).
     *
     * @param ownerKey the owner's person key, or null when the owner tag cannot be read back (hashed subject)
     * @param lastSeen the person's last issuance or the newest key's creation, whichever is later; null when neither
     *                 is known
     */
    record KeyDeactivated(String userName, String ownerKey, String keyId, Instant lastSeen) implements ReconcileAction {
        public KeyDeactivated {
            Objects.requireNonNull(userName, "userName");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /** A key user the broker created holds no key any more and was deleted with its inline policy. */
    record UserDeleted(String userName, String ownerKey) implements ReconcileAction {
        public UserDeleted {
            Objects.requireNonNull(userName, "userName");
        }
    }

    /**
     * A keyless key user was kept.
     *
     * @param reason why: {@code recently-seen} (its owner may be creating a key right now), {@code unknown-owner}
     *               (no readable owner tag), {@code later-name-taken} (another person's user has a later candidate
     *               name, which lookups would no longer reach), {@code in-use} (IAM refused the delete: something
     *               was attached meanwhile)
     */
    record UserKept(String userName, String ownerKey, String reason) implements ReconcileAction {
        public UserKept {
            Objects.requireNonNull(userName, "userName");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An IAM call failed; the run went on with the next user and reports the failure (the run fails, so the schedule's
     * error alarm fires and the next run tries again).
     *
     * @param call  the IAM action
     * @param cause the {@code IamResult} variant (and error code), never a message from AWS
     */
    record Failed(String userName, String call, String cause) implements ReconcileAction {
        public Failed {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
