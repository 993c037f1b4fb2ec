package broker.lambda.core.reconcile;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** IAM users and their Bedrock keys in memory: what reconciliation reads and changes, and every call it made. */
final class MemoryKeyUsers implements IamUsers, KeyUserMaintenance {
    final Map<String, IamUser> users = new LinkedHashMap<>();
    final Map<String, List<StoredKey>> keys = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Calls ("Action" or "Action:user") to answer with this failure. */
    final Map<String, IamResult<?>> failing = new HashMap<>();
    long accountUsers = 120;
    long quota = 5000;

    MemoryKeyUsers user(String name, String path, String subjectTag) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (subjectTag != null) tags.put(IamUserNames.TAG_SUBJECT, subjectTag);
        users.put(name, new IamUser(name, path, "arn:aws:iam::123456789012:policy/boundary", tags));
        keys.put(name, new ArrayList<>());
        return this;
    }

    MemoryKeyUsers taggedUser(String name, String path, Map<String, String> tags) {
        users.put(name, new IamUser(name, path, "arn:aws:iam::123456789012:policy/boundary", tags));
        keys.put(name, new ArrayList<>());
        return this;
    }

    MemoryKeyUsers key(String user, String id, Instant created, Instant expires, ApiKeyStatus status) {
        keys.get(user).add(new StoredKey(id, created, expires, status));
        return this;
    }

    StoredKey keyOf(String user, String id) {
        return keys.get(user).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <T> IamResult<T> failure(String action, String user) {
        IamResult<?> f = failing.get(action + ":" + user);
        if (f == null) f = failing.get(action);
        return (IamResult<T>) f;
    }

    @Override
    public IamResult<List<String>> listUserNames(String pathPrefix) {
        calls.add("ListUsers:" + pathPrefix);
        IamResult<List<String>> f = failure("ListUsers", "");
        if (f != null) return f;
        return new IamResult.Done<>(users.values().stream().filter(u -> u.path().startsWith(pathPrefix))
                .map(IamUser::name).toList());
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        calls.add("GetUser:" + userName);
        IamResult<IamUser> f = failure("GetUser", userName);
        if (f != null) return f;
        IamUser user = users.get(userName);
        return user == null ? new IamResult.NotFound<>() : new IamResult.Done<>(user);
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        calls.add("ListServiceSpecificCredentials:" + userName);
        IamResult<List<StoredKey>> f = failure("ListServiceSpecificCredentials", userName);
        if (f != null) return f;
        return users.containsKey(userName) ? new IamResult.Done<>(List.copyOf(keys.get(userName))) : new IamResult.NotFound<>();
    }

    @Override
    public IamResult<Void> deactivateKey(String userName, String keyId) {
        calls.add("UpdateServiceSpecificCredential:" + userName + ":" + keyId);
        IamResult<Void> f = failure("UpdateServiceSpecificCredential", userName);
        if (f != null) return f;
        List<StoredKey> list = keys.get(userName);
        for (int i = 0; i < list.size(); i++) {
            StoredKey k = list.get(i);
            if (k.id().equals(keyId)) {
                list.set(i, new StoredKey(k.id(), k.createdAt(), k.expiration(), ApiKeyStatus.INACTIVE));
                return IamResult.done();
            }
        }
        return new IamResult.NotFound<>();
    }

    @Override
    public IamResult<Void> deleteUser(String userName) {
        calls.add("DeleteUser:" + userName);
        IamResult<Void> f = failure("DeleteUser", userName);
        if (f != null) return f;
        if (!users.containsKey(userName)) return new IamResult.NotFound<>();
        if (!keys.get(userName).isEmpty()) return new IamResult.Refused<>("DeleteConflict");
        users.remove(userName);
        keys.remove(userName);
        return IamResult.done();
    }

    @Override
    public IamResult<UserQuota> userQuota() {
        calls.add("GetAccountSummary");
        IamResult<UserQuota> f = failure("GetAccountSummary", "");
        if (f != null) return f;
        return new IamResult.Done<>(new UserQuota(accountUsers, quota));
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        throw new UnsupportedOperationException("reconciliation never creates users");
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        throw new UnsupportedOperationException("reconciliation never deletes keys");
    }
}
