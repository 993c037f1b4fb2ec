package broker.lambda.core.apikeys;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: the IAM calls behind long-term Bedrock API keys, one method per call (or per read that needs two).
 * Every method returns an {@link IamResult}; none throws for an AWS error. Keys are always Bedrock keys
 * ({@code ServiceName bedrock.amazonaws.com}).
 */
public interface IamUsers {
    /** {@code GetUser} and {@code ListUserTags}: the user with its boundary and tags, or {@link IamResult.NotFound}. */
    IamResult<IamUser> getUser(String userName);

    /** {@code CreateUser} with path, permissions boundary and tags; {@link IamResult.AlreadyExists} when the name is taken. */
    IamResult<IamUser> createUser(NewIamUser user);

    /** {@code PutUserPermissionsBoundary}. */
    IamResult<Void> putPermissionsBoundary(String userName, String boundaryArn);

    /** {@code TagUser}: adds or overwrites these tags. */
    IamResult<Void> tagUser(String userName, Map<String, String> tags);

    /** {@code UntagUser}: removes these tag keys. */
    IamResult<Void> untagUser(String userName, Collection<String> tagKeys);

    /** {@code PutUserPolicy}: creates or replaces one inline policy. */
    IamResult<Void> putUserPolicy(String userName, String policyName, String document);

    /** {@code ListServiceSpecificCredentials} for Bedrock: every key of the user, whatever its status. */
    IamResult<List<StoredKey>> listKeys(String userName);

    /** {@code CreateServiceSpecificCredential} for Bedrock, expiring after {@code ageDays}. */
    IamResult<CreatedKey> createKey(String userName, int ageDays);

    /** {@code DeleteServiceSpecificCredential}. */
    IamResult<Void> deleteKey(String userName, String keyId);
}
