package broker.lambda.aws;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.CreatedKey;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.NewIamUser;
import broker.lambda.core.apikeys.StoredKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@link IamUsers} on the IAM API: users under the broker's path and their Bedrock service-specific credentials.
 * One SDK call per method (two for {@link #getUser}); every failure ends here as an {@link IamResult}.
 */
public final class IamApiKeys implements IamUsers {
    /** The only service the broker creates credentials for. */
    public static final String BEDROCK_SERVICE = "bedrock.amazonaws.com";

    private final IamClient iam;

    /** @param iam a client from {@link AwsClients#client} */
    public IamApiKeys(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public IamResult<IamUser> getUser(String userName) {
        IamResult<User> user = IamErrors.call(() -> iam.getUser(r -> r.userName(userName)).user());
        if (!(user instanceof IamResult.Done<User>(var found))) return retype(user);
        IamResult<Map<String, String>> tags = IamErrors.call(() -> tagsOf(userName));
        if (!(tags instanceof IamResult.Done<Map<String, String>>(var all))) return retype(tags);
        return new IamResult.Done<>(toIamUser(found, all));
    }

    @Override
    public IamResult<IamUser> createUser(NewIamUser user) {
        return IamErrors.call(() -> toIamUser(iam.createUser(r -> r
                .userName(user.name())
                .path(user.path())
                .permissionsBoundary(user.permissionsBoundaryArn())
                .tags(tags(user.tags()))).user(), user.tags()));
    }

    @Override
    public IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn) {
        return IamErrors.call(() -> {
            iam.putUserPermissionsBoundary(r -> r.userName(userName).permissionsBoundary(boundaryArn));
            return null;
        });
    }

    @Override
    public IamResult<Void> tagUser(String userName, Map<String, String> tags) {
        return IamErrors.call(() -> {
            iam.tagUser(r -> r.userName(userName).tags(tags(tags)));
            return null;
        });
    }

    @Override
    public IamResult<Void> untagUser(String userName, Collection<String> tagKeys) {
        return IamErrors.call(() -> {
            iam.untagUser(r -> r.userName(userName).tagKeys(List.copyOf(tagKeys).stream().sorted().toList()));
            return null;
        });
    }

    @Override
    public IamResult<Void> putUserPolicy(String userName, String policyName, String document) {
        return IamErrors.call(() -> {
            iam.putUserPolicy(r -> r.userName(userName).policyName(policyName).policyDocument(document));
            return null;
        });
    }

    @Override
    public IamResult<List<StoredKey>> listKeys(String userName) {
        return IamErrors.call(() -> {
            List<ServiceSpecificCredentialMetadata> keys = IamPages.all(page -> iam.listServiceSpecificCredentials(r -> r
                            .userName(userName).serviceName(BEDROCK_SERVICE).marker(page)),
                    ListServiceSpecificCredentialsResponse::serviceSpecificCredentials,
                    ListServiceSpecificCredentialsResponse::isTruncated, ListServiceSpecificCredentialsResponse::marker);
            return keys.stream().map(m -> new StoredKey(m.serviceSpecificCredentialId(), m.createDate(),
                    m.expirationDate(), status(m.status()))).toList();
        });
    }

    @Override
    public IamResult<CreatedKey> createKey(String userName, int ageDays) {
        return IamErrors.call(() -> {
            ServiceSpecificCredential c = iam.createServiceSpecificCredential(r -> r
                    .userName(userName).serviceName(BEDROCK_SERVICE).credentialAgeDays(ageDays)).serviceSpecificCredential();
            return new CreatedKey(new StoredKey(c.serviceSpecificCredentialId(), c.createDate(), c.expirationDate(),
                    status(c.status())), c.serviceCredentialSecret());
        });
    }

    @Override
    public IamResult<Void> deleteKey(String userName, String keyId) {
        return IamErrors.call(() -> {
            iam.deleteServiceSpecificCredential(r -> r.userName(userName).serviceSpecificCredentialId(keyId));
            return null;
        });
    }

    private Map<String, String> tagsOf(String userName) {
        Map<String, String> tags = new LinkedHashMap<>();
        IamPages.all(page -> iam.listUserTags(r -> r.userName(userName).marker(page)), ListUserTagsResponse::tags,
                ListUserTagsResponse::isTruncated, ListUserTagsResponse::marker)
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static IamUser toIamUser(User user, Map<String, String> tags) {
        String boundary = user.permissionsBoundary() == null ? null : user.permissionsBoundary().permissionsBoundaryArn();
        return new IamUser(user.userName(), user.path() == null ? "/" : user.path(), boundary, tags);
    }

    private static List<Tag> tags(Map<String, String> tags) {
        // Sorted so that the same call always sends the same request.
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static ApiKeyStatus status(StatusType status) {
        if (status == StatusType.ACTIVE) return ApiKeyStatus.ACTIVE;
        if (status == StatusType.EXPIRED) return ApiKeyStatus.EXPIRED;
        // Inactive, or a status this SDK does not know: in either case the key does not authenticate.
        return ApiKeyStatus.INACTIVE;
    }

    @SuppressWarnings("unchecked")
    private static <T> IamResult<T> retype(IamResult<?> failure) {
        // Every variant but Done carries no T, so a failure of one type is a failure of any type.
        if (failure instanceof IamResult.Done<?>) throw new IllegalArgumentException("not a failure");
        return (IamResult<T>) failure;
    }
}
