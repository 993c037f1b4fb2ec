package broker.lambda.observability;

import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.audit.AuditLog;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Measures every IAM call (including the SDK's retries) as the {@code UpstreamLatency} metric of service {@code iam}. */
public final class TimedIamUsers implements IamUsers {
    private final IamUsers delegate;
    private final AuditLog audit;

    public TimedIamUsers(IamUsers delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        return timed(() -> delegate.getUser(userName));
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        return timed(() -> delegate.createUser(user));
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        return timed(() -> delegate.putPermissionsBoundary(userName, boundaryArn));
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        return timed(() -> delegate.tagUser(userName, tags));
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        return timed(() -> delegate.untagUser(userName, tagKeys));
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        return timed(() -> delegate.putUserPolicy(userName, policyName, document));
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        return timed(() -> delegate.listKeys(userName));
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        return timed(() -> delegate.createKey(userName, ageDays));
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        return timed(() -> delegate.deleteKey(userName, keyId));
    }

    private <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            audit.upstreamLatency("iam", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
