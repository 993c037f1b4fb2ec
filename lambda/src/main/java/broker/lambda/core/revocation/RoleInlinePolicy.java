package broker.lambda.core.revocation;

import broker.lambda.core.apikeys.IamResult;

/** Port: the one inline policy the broker owns on the Bedrock user role ({@code GetRolePolicy} / {@code PutRolePolicy}). */
public interface RoleInlinePolicy {
    /** The policy document as plain JSON, or {@link IamResult.NotFound} when the role has no such policy yet. */
    IamResult<String> read();

    /** Creates or replaces the policy with this JSON document. */
    IamResult<Void> write(String document);
}
