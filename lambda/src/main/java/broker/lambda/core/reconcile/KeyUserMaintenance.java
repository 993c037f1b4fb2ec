package broker.lambda.core.reconcile;

import broker.lambda.core.apikeys.IamResult;
import java.util.List;

/**
 * Port: the IAM calls of key reconciliation beyond {@link broker.lambda.core.apikeys.IamUsers}. Every method returns an
 * {@link IamResult}; none throws for an AWS error.
 */
public interface KeyUserMaintenance {
    /** {@code ListUsers} with this path prefix: the names of every user under it (including deeper paths). */
    IamResult<List<String>> listUserNames(String pathPrefix);

    /** {@code UpdateServiceSpecificCredential} to {@code Inactive}: the key stops authenticating and is kept. */
    IamResult<Void> deactivateKey(String userName, String keyId);

    /**
     * Deletes a user that holds no keys: {@code ListUserPolicies} and {@code DeleteUserPolicy} for each inline policy
     * (IAM refuses to delete a user that has one), then {@code DeleteUser}.
     */
    IamResult<Void> deleteUser(String userName);

    /** {@code GetAccountSummary}: the account's IAM user count and quota. */
    IamResult<UserQuota> userQuota();
}
