package broker.lambda.aws;

import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.revocation.RoleInlinePolicy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;

/** {@link RoleInlinePolicy} on {@code GetRolePolicy} / {@code PutRolePolicy} for one policy of one role. */
public final class IamRolePolicy implements RoleInlinePolicy {
    private final IamClient iam;
    private final String roleName;
    private final String policyName;

    /**
     * @param iam        a client from {@link AwsClients#client}
     * @param roleName   the role's name (the last segment of its ARN, without its path)
     * @param policyName the inline policy the broker owns on it
     */
    public IamRolePolicy(IamClient iam, String roleName, String policyName) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.roleName = Objects.requireNonNull(roleName, "roleName");
        this.policyName = Objects.requireNonNull(policyName, "policyName");
    }

    /** The role name of an IAM role ARN ({@code arn:aws:iam::123456789012:role/path/name} → {@code name}). */
    public static String roleName(String roleArn) {
        int slash = roleArn.lastIndexOf('/');
        if (!roleArn.contains(":role/") || slash == roleArn.length() - 1) {
            throw new IllegalArgumentException("not an IAM role ARN: " + roleArn);
        }
        return roleArn.substring(slash + 1);
    }

    @Override
    public IamResult<String> read() {
        return IamErrors.call(() -> decode(iam.getRolePolicy(r -> r.roleName(roleName).policyName(policyName)).policyDocument()));
    }

    @Override
    public IamResult<Void> write(String document) {
        return IamErrors.call(() -> {
            iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(document));
            return null;
        });
    }

    /**
     * IAM returns policy documents URL-encoded (RFC 3986) and the SDK passes them on as they are; a document that
     * already reads as JSON (as in the API reference's examples) is taken as it is.
     */
    static String decode(String document) {
        String trimmed = document.strip();
        if (trimmed.startsWith("{")) return trimmed;
        return URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }
}
