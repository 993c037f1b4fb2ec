package broker.lambda.wiring;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.revocation.RoleInlinePolicy;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * In-process IAM answers for SnapStart priming: a user that does not exist yet, a key creation that succeeds,
 * an empty revocation policy. Nothing reaches AWS and nothing is kept.
 */
final class PrimingIam implements IamUsers, RoleInlinePolicy {
    private final Clock clock;

    PrimingIam(Clock clock) {
        this.clock = clock;
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        return new IamResult.NotFound<>();
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        return new IamResult.Done<>(new IamUser(user.name(), user.path(), user.permissionsBoundaryArn(), user.tags()));
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        return IamResult.done();
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        return IamResult.done();
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        return IamResult.done();
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        return IamResult.done();
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        return new IamResult.Done<>(List.of());
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        var now = clock.instant();
        return new IamResult.Done<>(new CreatedKey(new StoredKey("ACCAPRIMINGPRIMINGPRIM", now,
                now.plus(java.time.Duration.ofDays(ageDays)), ApiKeyStatus.ACTIVE), "priming-secret"));
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        return IamResult.done();
    }

    @Override
    public IamResult<String> read() {
        return new IamResult.NotFound<>();
    }

    @Override
    public IamResult<Void> write(String document) {
        return IamResult.done();
    }
}
