package broker.lambda.core.reconcile;

/**
 * The account's IAM users against its quota (IAM's {@code Users} and {@code UsersQuota}, 5,000 by default): every
 * person with a long-term key holds one user.
 *
 * @param users the IAM users in the account, the broker's and everyone else's
 * @param quota how many the account may hold
 */
public record UserQuota(long users, long quota) {
    public UserQuota {
        if (users < 0 || quota < 1) throw new IllegalArgumentException("users >= 0 and quota >= 1");
    }

    /** The share of the quota in use, in percent (may pass 100 if IAM's numbers lag). */
    public double percentUsed() {
        return users * 100.0 / quota;
    }
}
