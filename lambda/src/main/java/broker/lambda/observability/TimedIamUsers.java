package broker.lambda.observability;

import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.audit.AuditLog;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Measures every IAM call (including the SDK's retries) as the {@code UpstreamLatency} metric of service {@code iam}. */
final class TimedIamUsers implements IamUsers {
    private final IamUsers delegate;
    private final UpstreamTimer timer;

    TimedIamUsers(IamUsers delegate, AuditLog audit) {
        this.delegate = delegate;
        this.timer = new UpstreamTimer(audit, "iam");
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        return timer.time(() -> delegate.getUser(userName));
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        return timer.time(() -> delegate.createUser(user));
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        return timer.time(() -> delegate.putPermissionsBoundary(userName, boundaryArn));
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        return timer.time(() -> delegate.tagUser(userName, tags));
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        return timer.time(() -> delegate.untagUser(userName, tagKeys));
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        return timer.time(() -> delegate.putUserPolicy(userName, policyName, document));
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        return timer.time(() -> delegate.listKeys(userName));
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        return timer.time(() -> delegate.createKey(userName, ageDays));
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        return timer.time(() -> delegate.deleteKey(userName, keyId));
    }
}
