package broker.infra.construct;

import broker.lambda.core.Require;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Opt-in ({@code createInvocationLogging}): the log group Bedrock's model invocation logs go to, the role Bedrock
 * writes them with, and the custom resource (the invocation logging function) that turns logging on in the stack's
 * region with every content delivery off, refusing to replace a configuration it did not make, and turns it off again
 * only while it is still its own.
 */
public final class InvocationLogging extends Construct {
    /**
     * @param function      the invocation logging function (the custom resource's service token is its alias)
     * @param stackName     names the log group: {@code /bedrock-broker/<stack>/model-invocations}
     * @param logRetention  retention of the log group
     * @param removalPolicy what {@code cdk destroy} does with the log group
     */
    public record Props(Functions.Deployed function, String stackName, RetentionDays logRetention,
                        RemovalPolicy removalPolicy) {
        public Props {
            Require.nonNull("function stackName logRetention removalPolicy", function, stackName, logRetention,
                    removalPolicy);
        }
    }

    private final LogGroup logGroup;

    public InvocationLogging(Construct scope, String id, Props props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName("/bedrock-broker/" + props.stackName() + "/model-invocations")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        // Bedrock delivers as this role, for this account's Bedrock in this region only (confused deputy).
        Role bedrockRole = Role.Builder.create(this, "BedrockRole")
                .description("Bedrock Broker: Bedrock writes model invocation logs (metadata only) to its log group")
                .assumedBy(new ServicePrincipal("bedrock.amazonaws.com").withConditions(TemplateMaps.sorted(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", Fn.join("", List.of("arn:", Aws.PARTITION, ":bedrock:",
                                Aws.REGION, ":", Aws.ACCOUNT_ID, ":*")))))))
                .inlinePolicies(Map.of("Logs", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                // The Arn attribute ends in ":*", which covers the group's log streams.
                                .resources(List.of(logGroup.getLogGroupArn())).build()))
                        .build()))
                .build();
        Policy passRole = Policy.Builder.create(this, "PassRole").roles(List.of(props.function().role()))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("iam:PassRole"))
                        .resources(List.of(bedrockRole.getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "bedrock.amazonaws.com")))
                        .build()))
                .build();
        props.function().function().getNode().addDependency(passRole);
        CustomResource resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(props.function().alias().getFunctionArn())
                .resourceType("Custom::BedrockInvocationLogging")
                .properties(TemplateMaps.sorted(Map.of("LogGroupName", logGroup.getLogGroupName(),
                        "RoleArn", bedrockRole.getRoleArn())))
                .build();
        resource.getNode().addDependency(passRole, bedrockRole, props.function().alias());
    }

    /** The log group the stack created for Bedrock's invocation logs. */
    public LogGroup logGroup() {
        return logGroup;
    }
}
