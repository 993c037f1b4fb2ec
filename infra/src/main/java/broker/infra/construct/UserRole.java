package broker.infra.construct;

import broker.lambda.core.Require;
import broker.lambda.core.entitlements.Geography;
import broker.lambda.core.entitlements.ModelId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The Bedrock user role: the role every issued STS session runs as. Only the credentials function's role may assume
 * it, tag the session and set its source identity, and it may assume it only with a SourceIdentity; its permissions are the ceiling of all entitlements, which each
 * request's session policy narrows to the caller's. The same ceiling is also its permissions boundary, so that the
 * inline policy the admin function writes (session revocations) can deny but never allow more.
 */
public final class UserRole extends Construct {
    /** The trust actions, and nothing else, that the credentials function needs on this role. */
    public static final List<String> ASSUME_ACTIONS =
            List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param trustedRole       the credentials function's role
     * @param ceilingPolicyJson the IAM policy of every grant of every profile (may hold CloudFormation tokens)
     * @param modelFamilies     the entitlements' family patterns, whose ARN wildcards the ceiling holds by design
     */
    public record Props(IRole trustedRole, String ceilingPolicyJson, List<String> modelFamilies) {
        public Props {
            Require.nonNull("trustedRole ceilingPolicyJson", trustedRole, ceilingPolicyJson);
            modelFamilies = List.copyOf(modelFamilies);
        }

        /** Entitlements without model families. */
        public Props(IRole trustedRole, String ceilingPolicyJson) {
            this(trustedRole, ceilingPolicyJson, List.of());
        }
    }

    private final Role role;
    private final ManagedPolicy boundary;

    public UserRole(Construct scope, String id, Props props) {
        super(scope, id);
        boundary = ManagedPolicy.Builder.create(this, "Boundary")
                .description("Bedrock Broker user role boundary: the Bedrock models of all entitlements")
                .path("/bedrock-broker/")
                .document(PolicyDocument.fromJson(parse(props.ceilingPolicyJson())))
                .build();
        acknowledgeWildcards(boundary, props.ceilingPolicyJson(), props.modelFamilies());
        ArnPrincipal trusted = new ArnPrincipal(props.trustedRole().getRoleArn());
        role = Role.Builder.create(this, "Role")
                .description("Bedrock Broker user sessions: Bedrock models of all entitlements; "
                        + "narrowed per request by a session policy")
                // Every AssumeRole must set a SourceIdentity: revocations deny by it, and a session without one
                // could only be cut off by the break-glass deny.
                .assumedBy(trusted.withConditions(Map.of("Null", Map.of("sts:SourceIdentity", "false"))))
                // A Lambda function assuming a role is role chaining: STS caps those sessions at 1 h anyway.
                .maxSessionDuration(Duration.hours(1))
                .inlinePolicies(Map.of("BedrockCeiling", PolicyDocument.fromJson(parse(props.ceilingPolicyJson()))))
                .permissionsBoundary(boundary)
                .build();
        acknowledgeWildcards(role, props.ceilingPolicyJson(), props.modelFamilies());
        role.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                .principals(List.of(trusted))
                .actions(List.of("sts:SetSourceIdentity", "sts:TagSession"))
                .build());
        // A separate policy resource, not an inline policy of the function's role: the trust policy above refers
        // to that role, so the role itself cannot also refer to this one without a dependency cycle.
        Policy.Builder.create(this, "AssumePolicy")
                .roles(List.of(props.trustedRole()))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(ASSUME_ACTIONS)
                        .resources(List.of(role.getRoleArn()))
                        .build()))
                .build();
    }

    public String roleArn() {
        return role.getRoleArn();
    }

    /**
     * Lets the admin function read and rewrite this role's inline policies (the revocation policy). IAM has no
     * condition key for an inline policy's name, so the write is held to this role while it keeps its boundary: no
     * policy written through it can allow more than the ceiling, while its denies (revocations) take effect.
     *
     * @return the policy, for functions that must not start before it exists
     */
    public Policy grantSessionRevocation(IRole adminRole) {
        return grantSessionRevocation("RevocationPolicy", adminRole);
    }

    /** The same grant to another function's role (the budget cut-off in usage ingestion), as its own policy {@code id}. */
    public Policy grantSessionRevocation(String id, IRole grantee) {
        return Policy.Builder.create(this, id)
                .roles(List.of(grantee))
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("iam:GetRolePolicy"))
                                .resources(List.of(role.getRoleArn()))
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("iam:PutRolePolicy"))
                                .resources(List.of(role.getRoleArn()))
                                .conditions(Map.of("StringEquals",
                                        Map.of("iam:PermissionsBoundary", boundary.getManagedPolicyArn())))
                                .build()))
                .build();
    }

    public Role role() {
        return role;
    }

    /** Actions that have no resource type in the Service Authorization Reference: only {@code *} works. */
    static final List<String> RESOURCELESS_ACTIONS =
            List.of("bedrock:ListInferenceProfiles", "bedrock:CallWithBearerToken");
    /** A Bedrock model or inference-profile ARN whose only wildcard is in the region field ({@code *}, {@code us-*}). */
    private static final Pattern REGION_WILDCARD = Pattern.compile(Pattern.quote("arn:<AWS::Partition>:bedrock:")
            + "[a-z0-9-]*\\*:(<AWS::AccountId>)?:(foundation-model|inference-profile)/[^*]+");

    /** A Bedrock model or inference-profile ARN of the role's account; group 3 is the model or profile id. */
    private static final Pattern FAMILY_ARN = Pattern.compile(Pattern.quote("arn:<AWS::Partition>:bedrock:")
            + "[a-z0-9-]*\\*?:(<AWS::AccountId>)?:(foundation-model|inference-profile)/(.+)");

    /**
     * The ceiling's wildcards are by design (see SessionPolicy): {@code *} for actions that have no resource type,
     * a wildcard region in an ARN that names its model or profile exactly, and the ARN wildcards of a model family
     * that the entitlements name. Each such finding is acknowledged to cdk-nag on its own, with its reason; any other
     * wildcard (in an action, an account or a model id) still fails.
     */
    static void acknowledgeWildcards(IConstruct policyHolder, String policyJson, List<String> families) {
        Map<String, Object> policy = parse(policyJson);
        for (Object item : list(policy.get("Statement"))) {
            if (!(item instanceof Map<?, ?> statement) || !"Allow".equals(statement.get("Effect"))) continue;
            List<?> actions = list(statement.get("Action"));
            boolean regionCondition = statement.get("Condition") instanceof Map<?, ?> condition
                    && condition.get("StringEquals") instanceof Map<?, ?> equals
                    && equals.containsKey("aws:RequestedRegion");
            for (Object resource : list(statement.get("Resource"))) {
                String name = nagName(String.valueOf(resource));
                String reason = null;
                if (name.equals("*") && RESOURCELESS_ACTIONS.containsAll(actions)) {
                    reason = actions + " have no resource type in IAM: the resource must be *.";
                } else if (REGION_WILDCARD.matcher(name).matches()) {
                    reason = regionCondition
                            ? "Only the region is a wildcard, and this statement's aws:RequestedRegion condition "
                                    + "limits it to the entitlements' regions: one ARN per model, not per region."
                            : "Only the region is a wildcard; the model or inference profile is named exactly. "
                                    + "Cross-region inference profiles route each request to any region of their "
                                    + "geography, and every session policy narrows this ceiling per request.";
                } else if (familyOf(name, families) != null) {
                    reason = "The entitlements name the model family " + familyOf(name, families) + ": the ceiling "
                            + "allows it as an ARN wildcard, and each session policy narrows it to the ids Bedrock's "
                            + "model catalog resolves it to.";
                }
                if (reason != null) NagFinding.acknowledge(policyHolder, "AwsSolutions-IAM5", "Resource::" + name, reason);
            }
        }
    }

    /**
     * The family whose ARN wildcards this resource is, or null: the id is the family, its model part, or its model part
     * behind a geography's prefix (an unprefixed family's profiles of the geographies its regions offer).
     */
    private static String familyOf(String resource, List<String> families) {
        Matcher arn = FAMILY_ARN.matcher(resource);
        if (!arn.matches()) return null;
        String id = arn.group(3);
        for (String family : families) {
            String model = ModelId.parse(family).orElse(null) instanceof ModelId.Family f ? f.foundationModelId() : family;
            if (id.equals(family) || id.equals(model)) return family;
            for (Geography geography : Geography.values()) {
                if (id.equals(geography.prefix() + "." + model)) return family;
            }
        }
        return null;
    }

    /** How cdk-nag names a resource: CloudFormation references in angle brackets. */
    private static String nagName(String arn) {
        return arn.replace(Aws.PARTITION, "<AWS::Partition>").replace(Aws.ACCOUNT_ID, "<AWS::AccountId>");
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }

    static Map<String, Object> parse(String policyJson) {
        try {
            return JSON.readValue(policyJson, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the Bedrock ceiling policy is not JSON", e);
        }
    }
}
