package broker.lambda.core.apikeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** IAM users in memory, recording each call; {@link #failing} makes one call fail. Names ignore case, as in IAM. */
final class MemoryIamUsers implements IamUsers {
    final Map<String, IamUser> users = new LinkedHashMap<>();
    final Map<String, List<StoredKey>> keys = new HashMap<>();
    final Map<String, String> policies = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Function<String, IamResult<?>>> failing = new HashMap<>();
    final Instant now;
    int nextId = 1;

    MemoryIamUsers(Instant now) {
        this.now = now;
    }

    void add(IamUser user) {
        users.put(user.name().toLowerCase(Locale.ROOT), user);
    }

    @SuppressWarnings("unchecked")
    private <T> IamResult<T> fail(String call, String arg) {
        calls.add(call + " " + arg);
        Function<String, IamResult<?>> f = failing.get(call);
        return f == null ? null : (IamResult<T>) f.apply(arg);
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        IamResult<IamUser> f = fail("GetUser", userName);
        if (f != null) return f;
        IamUser user = users.get(userName.toLowerCase(Locale.ROOT));
        return user == null ? new IamResult.NotFound<>() : new IamResult.Done<>(user);
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        IamResult<IamUser> f = fail("CreateUser", user.name());
        if (f != null) return f;
        if (users.containsKey(user.name().toLowerCase(Locale.ROOT))) return new IamResult.AlreadyExists<>();
        IamUser created = new IamUser(user.name(), user.path(), user.permissionsBoundaryArn(), user.tags());
        add(created);
        return new IamResult.Done<>(created);
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        IamResult<Void> f = fail("PutUserPermissionsBoundary", userName);
        return f != null ? f : IamResult.done();
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        IamResult<Void> f = fail("TagUser", userName);
        if (f != null) return f;
        IamUser u = users.get(userName.toLowerCase(Locale.ROOT));
        Map<String, String> all = new HashMap<>(u.tags());
        all.putAll(tags);
        add(new IamUser(u.name(), u.path(), u.permissionsBoundaryArn(), all));
        return IamResult.done();
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        IamResult<Void> f = fail("UntagUser", userName);
        if (f != null) return f;
        IamUser u = users.get(userName.toLowerCase(Locale.ROOT));
        Map<String, String> all = new HashMap<>(u.tags());
        tagKeys.forEach(all::remove);
        add(new IamUser(u.name(), u.path(), u.permissionsBoundaryArn(), all));
        return IamResult.done();
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        IamResult<Void> f = fail("PutUserPolicy", userName);
        if (f != null) return f;
        policies.put(userName, document);
        return IamResult.done();
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        IamResult<List<StoredKey>> f = fail("ListServiceSpecificCredentials", userName);
        return f != null ? f : new IamResult.Done<>(List.copyOf(keys.getOrDefault(userName, List.of())));
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        IamResult<CreatedKey> f = fail("CreateServiceSpecificCredential", userName);
        if (f != null) return f;
        StoredKey key = new StoredKey("ACCAMEMORY%010d".formatted(nextId++), now, now.plusSeconds(86_400L * ageDays), ApiKeyStatus.ACTIVE);
        keys.computeIfAbsent(userName, n -> new ArrayList<>()).add(key);
        return new IamResult.Done<>(new CreatedKey(key, "memory-secret-" + key.id()));
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        IamResult<Void> f = fail("DeleteServiceSpecificCredential", userName + " " + keyId);
        if (f != null) return f;
        boolean removed = keys.getOrDefault(userName, new ArrayList<>()).removeIf(k -> k.id().equals(keyId));
        return removed ? IamResult.done() : new IamResult.NotFound<>();
    }
}
