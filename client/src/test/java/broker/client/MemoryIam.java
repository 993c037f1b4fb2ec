package broker.client;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The broker's IAM port in memory (IAM users, their tags and Bedrock keys), behind the real API-keys handler. */
final class MemoryIam implements IamUsers {
    private final Map<String, IamUser> users = new HashMap<>();
    private final Map<String, List<StoredKey>> keys = new HashMap<>();
    private int nextId = 1;

    synchronized int keyCount() {
        return keys.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public synchronized IamResult<IamUser> getUser(String userName) {
        IamUser user = users.get(userName.toLowerCase(Locale.ROOT));
        return user == null ? new IamResult.NotFound<>() : new IamResult.Done<>(user);
    }

    @Override
    public synchronized IamResult<IamUser> createUser(NewIamUser user) {
        if (users.containsKey(user.name().toLowerCase(Locale.ROOT))) {
            return new IamResult.AlreadyExists<>();
        }
        IamUser created = new IamUser(user.name(), user.path(), user.permissionsBoundaryArn(), user.tags());
        users.put(user.name().toLowerCase(Locale.ROOT), created);
        return new IamResult.Done<>(created);
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        return IamResult.done();
    }

    @Override
    public synchronized IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        IamUser u = users.get(userName.toLowerCase(Locale.ROOT));
        var all = new HashMap<>(u.tags());
        all.putAll(tags);
        users.put(userName.toLowerCase(Locale.ROOT), new IamUser(u.name(), u.path(), u.permissionsBoundaryArn(), all));
        return IamResult.done();
    }

    @Override
    public synchronized IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        IamUser u = users.get(userName.toLowerCase(Locale.ROOT));
        var all = new HashMap<>(u.tags());
        tagKeys.forEach(all::remove);
        users.put(userName.toLowerCase(Locale.ROOT), new IamUser(u.name(), u.path(), u.permissionsBoundaryArn(), all));
        return IamResult.done();
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        return IamResult.done();
    }

    @Override
    public synchronized IamResult<List<StoredKey>> listKeys(String userName) {
        return new IamResult.Done<>(List.copyOf(keys.getOrDefault(userName, List.of())));
    }

    @Override
    public synchronized IamResult<CreatedKey> createKey(String userName, int ageDays) {
        List<StoredKey> held = keys.computeIfAbsent(userName, n -> new ArrayList<>());
        if (held.size() >= 2) {
            return new IamResult.LimitExceeded<>();
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var key = new StoredKey("ACCAMEMORYEXAMPLE%05d".formatted(nextId++), now, now.plusSeconds(86_400L * ageDays),
                ApiKeyStatus.ACTIVE);
        held.add(key);
        return new IamResult.Done<>(new CreatedKey(key, "ABSKmemory-secret-" + key.id()));
    }

    @Override
    public synchronized IamResult<Void> deleteKey(String userName, String keyId) {
        boolean removed = keys.getOrDefault(userName, new ArrayList<>()).removeIf(k -> k.id().equals(keyId));
        return removed ? IamResult.done() : new IamResult.NotFound<>();
    }
}
