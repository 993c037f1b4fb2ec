package broker.lambda.aws;

import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.reconcile.KeyUserMaintenance;
import broker.lambda.core.reconcile.UserQuota;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@link KeyUserMaintenance} on the IAM API: listing the broker's users, deactivating keys, deleting keyless users and
 * reading the account's user quota. Every failure ends here as an {@link IamResult}.
 */
public final class IamKeyUserMaintenance implements KeyUserMaintenance {
    private final IamClient iam;

    /** @param iam a client from {@link AwsClients#client} */
    public IamKeyUserMaintenance(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public IamResult<List<String>> listUserNames(String pathPrefix) {
        return IamErrors.call(() -> IamPages.all(page -> iam.listUsers(r -> r.pathPrefix(pathPrefix).marker(page)),
                ListUsersResponse::users, ListUsersResponse::isTruncated, ListUsersResponse::marker)
                .stream().map(User::userName).toList());
    }

    @Override
    public IamResult<Void> deactivateKey(String userName, String keyId) {
        return IamErrors.call(() -> {
            iam.updateServiceSpecificCredential(r -> r.userName(userName).serviceSpecificCredentialId(keyId)
                    .status(StatusType.INACTIVE));
            return null;
        });
    }

    @Override
    public IamResult<Void> deleteUser(String userName) {
        IamResult<List<String>> policies = IamErrors.call(() -> IamPages.all(
                page -> iam.listUserPolicies(r -> r.userName(userName).marker(page)), ListUserPoliciesResponse::policyNames,
                ListUserPoliciesResponse::isTruncated, ListUserPoliciesResponse::marker));
        if (!(policies instanceof IamResult.Done<List<String>>(var names))) return retype(policies);
        for (String policy : names) {
            IamResult<Void> deleted = IamErrors.call(() -> {
                iam.deleteUserPolicy(r -> r.userName(userName).policyName(policy));
                return null;
            });
            if (!(deleted instanceof IamResult.Done<Void>) && !(deleted instanceof IamResult.NotFound<Void>)) return deleted;
        }
        return IamErrors.call(() -> {
            iam.deleteUser(r -> r.userName(userName));
            return null;
        });
    }

    @Override
    public IamResult<UserQuota> userQuota() {
        IamResult<Map<SummaryKeyType, Integer>> summary = IamErrors.call(() -> iam.getAccountSummary().summaryMap());
        if (!(summary instanceof IamResult.Done<Map<SummaryKeyType, Integer>>(var map))) return retype(summary);
        Integer users = map.get(SummaryKeyType.USERS);
        Integer quota = map.get(SummaryKeyType.USERS_QUOTA);
        if (users == null || quota == null || quota < 1) return new IamResult.Refused<>("GetAccountSummary:NoUserQuota");
        return new IamResult.Done<>(new UserQuota(users, quota));
    }

    @SuppressWarnings("unchecked")
    private static <T> IamResult<T> retype(IamResult<?> failure) {
        // Every variant but Done carries no T, so a failure of one type is a failure of any type.
        if (failure instanceof IamResult.Done<?>) throw new IllegalArgumentException("not a failure");
        return (IamResult<T>) failure;
    }
}
