package broker.infra.construct;

import broker.lambda.core.Require;
import broker.lambda.core.apikeys.IamUserNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The IAM side of long-term Bedrock API keys: the permissions boundary of the per-person IAM users that hold the keys,
 * and what the API-keys and admin functions may do to those users. Every write is confined to users under the broker's
 * IAM path; a user is created, given a boundary or an inline policy only with this boundary; only the broker's own tag
 * keys are written; and a key is created only for Bedrock, with an age no larger than the entitlements allow.
 */
public final class ApiKeyUsers extends Construct {
    /** Every tag key the broker writes on its users starts with this ({@link IamUserNames}). */
    public static final String TAG_KEYS = "bedrock-broker:*";
    /** The tag keys of key labels: all the admin function removes. */
    public static final String LABEL_TAG_KEYS = IamUserNames.LABEL_TAG_PREFIX + "*";
    /** The service of Bedrock API keys ({@code CreateServiceSpecificCredential}'s {@code ServiceName}). */
    public static final String BEDROCK_SERVICE = "bedrock.amazonaws.com";

    /** The same rule as the {@code iamUserPath} context key: never {@code /}, never a wildcard. */
    private static final Pattern USER_PATH = Pattern.compile("(/[A-Za-z0-9_+=,.@-]+)+/");

    /**
     * @param userPath           the IAM path of the key users, e.g. {@code /bedrock-broker/users/}
     * @param boundaryPolicyJson the key users' permissions boundary (may hold CloudFormation tokens)
     * @param maxKeyAgeDays      the largest key age of any profile; 0 when no profile allows long-term keys, and then
     *                           the API-keys function may not create users or keys at all
     * @param apiKeysRole        the API-keys function's role
     * @param adminRole          the admin function's role
     * @param removalPolicy      what happens to the boundary policy when the stack is deleted
     * @param modelFamilies      the entitlements' model families, whose ARN wildcards the boundary allows
     */
    public record Props(String userPath, String boundaryPolicyJson, int maxKeyAgeDays, IRole apiKeysRole,
                        IRole adminRole, RemovalPolicy removalPolicy, List<String> modelFamilies) {
        public Props {
            Objects.requireNonNull(userPath, "userPath");
            if (!USER_PATH.matcher(userPath).matches()) {
                throw new IllegalArgumentException("userPath must be an IAM path with at least one segment and no "
                        + "wildcard: " + userPath);
            }
            Objects.requireNonNull(boundaryPolicyJson, "boundaryPolicyJson");
            if (maxKeyAgeDays < 0) throw new IllegalArgumentException("maxKeyAgeDays must not be negative");
            Require.nonNull("apiKeysRole adminRole removalPolicy", apiKeysRole, adminRole, removalPolicy);
            modelFamilies = List.copyOf(modelFamilies);
        }

        /** Entitlements without model families. */
        public Props(String userPath, String boundaryPolicyJson, int maxKeyAgeDays, IRole apiKeysRole,
                     IRole adminRole, RemovalPolicy removalPolicy) {
            this(userPath, boundaryPolicyJson, maxKeyAgeDays, apiKeysRole, adminRole, removalPolicy, List.of());
        }
    }

    private final ManagedPolicy boundary;
    private final Policy apiKeysPolicy;
    private final Policy adminPolicy;

    public ApiKeyUsers(Construct scope, String id, Props props) {
        super(scope, id);
        // CloudFormation replaces a managed policy whose description or path changes: keep both as they are, so that
        // the ARN that every key user holds as its boundary stays the one in BROKER_PERMISSIONS_BOUNDARY_ARN.
        boundary = ManagedPolicy.Builder.create(this, "Boundary")
                .description("Bedrock Broker API-key users boundary: long-term Bedrock API keys on the models of all "
                        + "entitlements")
                .path("/bedrock-broker/")
                .document(PolicyDocument.fromJson(UserRole.parse(props.boundaryPolicyJson())))
                .build();
        // While any key user has it as its boundary, IAM refuses to delete it (DeleteConflict).
        boundary.applyRemovalPolicy(props.removalPolicy());
        UserRole.acknowledgeWildcards(boundary, props.boundaryPolicyJson(), props.modelFamilies());

        String users = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user",
                props.userPath(), "*"));
        String anyUser = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user/*"));

        List<PolicyStatement> apiKeys = new ArrayList<>(List.of(readUsers(anyUser), manageKeys(users)));
        if (props.maxKeyAgeDays() > 0) {
            apiKeys.add(PolicyStatement.Builder.create()
                    .actions(List.of("iam:CreateUser", "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy"))
                    .resources(List.of(users))
                    .conditions(Map.of("StringEquals",
                            Map.of("iam:PermissionsBoundary", boundary.getManagedPolicyArn())))
                    .build());
            apiKeys.add(tagging(List.of("iam:TagUser", "iam:UntagUser"), users, TAG_KEYS));
            apiKeys.add(PolicyStatement.Builder.create()
                    .actions(List.of("iam:CreateServiceSpecificCredential"))
                    .resources(List.of(users))
                    // A request without CredentialAgeDays has no value for this key, so this statement does not
                    // apply to it: the role cannot create a key that never expires.
                    .conditions(TemplateMaps.sorted(Map.of(
                            "StringEquals", Map.of("iam:ServiceSpecificCredentialServiceName", BEDROCK_SERVICE),
                            "NumericLessThanEquals", Map.of("iam:ServiceSpecificCredentialAgeDays",
                                    String.valueOf(props.maxKeyAgeDays())))))
                    .build());
        } else {
            // No profile allows long-term keys: listing and deleting (which removes the key's label) still work.
            apiKeys.add(tagging(List.of("iam:UntagUser"), users, LABEL_TAG_KEYS));
        }
        apiKeysPolicy = policy("ApiKeysPolicy", props.apiKeysRole(), apiKeys, props.userPath());
        adminPolicy = policy("AdminPolicy", props.adminRole(), List.of(readUsers(anyUser), manageKeys(users),
                tagging(List.of("iam:UntagUser"), users, LABEL_TAG_KEYS)), props.userPath());
    }

    /** The ARN of the key users' permissions boundary ({@code BROKER_PERMISSIONS_BOUNDARY_ARN}). */
    public String boundaryArn() {
        return boundary.getManagedPolicyArn();
    }

    /** The API-keys function's IAM permissions, for a function that must not start before they exist. */
    public Policy apiKeysPolicy() {
        return apiKeysPolicy;
    }

    /** The admin function's permissions on key users. */
    public Policy adminPolicy() {
        return adminPolicy;
    }

    /**
     * Reading any user by name. A user's ARN holds its path, but IAM can only know the path of a user that exists: a
     * {@code GetUser} for a name that is free is authorized against {@code user/<name>}, and one for a name taken by
     * a user outside the broker's path against that user's own path. The broker looks up free names (a person's
     * first key, or listing keys of someone who has none) and must tell other people's users apart (it skips them by
     * their path and owner tag), so these two reads cannot be held to the path; everything that writes is.
     */
    private static PolicyStatement readUsers(String anyUser) {
        return PolicyStatement.Builder.create()
                .actions(List.of("iam:GetUser", "iam:ListUserTags"))
                .resources(List.of(anyUser))
                .build();
    }

    private static PolicyStatement manageKeys(String users) {
        return PolicyStatement.Builder.create()
                .actions(List.of("iam:ListServiceSpecificCredentials", "iam:DeleteServiceSpecificCredential"))
                .resources(List.of(users))
                .build();
    }

    private static PolicyStatement tagging(List<String> actions, String users, String tagKeys) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(users))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("aws:TagKeys", tagKeys)))
                .build();
    }

    private Policy policy(String id, IRole role, List<PolicyStatement> statements, String userPath) {
        Policy policy = Policy.Builder.create(this, id).roles(List.of(role)).statements(statements).build();
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user"
                + userPath + "*", "The broker creates one IAM user per person at run time, under its own IAM path; "
                + "this resource is exactly the users under that path.");
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*",
                "Only iam:GetUser and iam:ListUserTags (read-only): IAM authorizes a lookup of a name that no user "
                        + "under the broker's path holds against user/<name> or another path, and the broker must "
                        + "see such names to find a person's user.");
        return policy;
    }
}
