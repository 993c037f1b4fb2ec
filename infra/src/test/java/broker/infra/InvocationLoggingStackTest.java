package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.infra.config.StackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The Cognito stack with {@code createInvocationLogging}: one synth for the class. */
class InvocationLoggingStackTest extends SynthesizedStackTest {
    @Override
    StackConfig config(Path packages) {
        StackConfig c = Fixtures.cognito(Fixtures.lambdaPackages(packages));
        return new StackConfig(c.stackName(), c.account(), c.region(), c.identity(), c.client(),
                c.entitlements(), c.lambdaPackages(), c.allowedOrigins(), c.throttling(), c.logRetention(),
                c.removalPolicy(), c.logLevel(), c.iamUserPath(), null, c.keyInactiveDays(), true);
    }

    @Test
    void logGroup_isTheStacksOwnAndTheIngestFunctionIsSubscribedToIt() {
        String group = json.id("AWS::Logs::LogGroup", "InvocationLoggingLogGroup");
        assertThat(json.properties(group)).containsEntry("LogGroupName", "/bedrock-broker/BedrockBroker/model-invocations")
                .containsEntry("RetentionInDays", 365);
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Match.objectLike(Map.of(
                "LogGroupName", Map.of("Ref", group),
                "FilterPattern", "{ $.schemaType = \"ModelInvocationLog\" }",
                "DestinationArn", Map.of("Ref", json.id("AWS::Lambda::Alias", "FunctionsUsageIngestAlias")))));
    }

    @Test
    void customResource_namesTheGroupAndTheRoleAndIsServedByTheFunctionsAlias() {
        assertThat(json.ids("Custom::BedrockInvocationLogging")).hasSize(1);
        String resource = json.ids("Custom::BedrockInvocationLogging").iterator().next();
        Map<String, Object> props = json.properties(resource);
        assertThat(props).containsEntry("ServiceToken", Map.of("Ref", json.id("AWS::Lambda::Alias", "FunctionsInvocationLoggingAlias")))
                .containsEntry("LogGroupName", Map.of("Ref", json.id("AWS::Logs::LogGroup", "InvocationLoggingLogGroup")))
                .containsEntry("RoleArn", Map.of("Fn::GetAtt", List.of(json.id("AWS::IAM::Role", "InvocationLoggingBedrockRole"), "Arn")));
    }

    @Test
    void bedrockRole_isAssumableByThisAccountsBedrockInThisRegionAndWritesOnlyTheGroup() {
        String role = json.id("AWS::IAM::Role", "InvocationLoggingBedrockRole");
        String group = json.id("AWS::Logs::LogGroup", "InvocationLoggingLogGroup");
        assertThat(json.permissionsOf(role)).containsExactlyInAnyOrder(
                "logs:CreateLogStream on " + group + ".Arn",
                "logs:PutLogEvents on " + group + ".Arn");
        Map<String, Object> trust = TemplateJson.map(json.properties(role).get("AssumeRolePolicyDocument"));
        Map<String, Object> statement = TemplateJson.map(TemplateJson.list(trust.get("Statement")).getFirst());
        assertThat(statement).containsEntry("Action", "sts:AssumeRole")
                .containsEntry("Principal", Map.of("Service", "bedrock.amazonaws.com"));
        Map<String, Object> conditions = TemplateJson.map(statement.get("Condition"));
        assertThat(conditions).containsEntry("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")));
        assertThat(conditions).containsKey("ArnLike");
        assertThat(conditions.get("ArnLike").toString()).contains(":bedrock:").contains("AWS::Region").contains("AWS::AccountId");
    }

    @Test
    void invocationLoggingRole_holdsExactlyLogsTracingTheThreeConfigurationCallsAndPassingTheBedrockRole() {
        String role = json.id("AWS::IAM::Role", "FunctionsInvocationLoggingRole");
        String logGroup = json.id("AWS::Logs::LogGroup", "FunctionsInvocationLoggingLogGroup");
        String bedrockRole = json.id("AWS::IAM::Role", "InvocationLoggingBedrockRole");
        assertThat(json.permissionsOf(role)).containsExactlyInAnyOrder(
                "logs:CreateLogStream on " + logGroup + ".Arn",
                "logs:PutLogEvents on " + logGroup + ".Arn",
                "xray:PutTelemetryRecords on *",
                "xray:PutTraceSegments on *",
                "bedrock:GetModelInvocationLoggingConfiguration on *",
                "bedrock:PutModelInvocationLoggingConfiguration on *",
                "bedrock:DeleteModelInvocationLoggingConfiguration on *",
                "iam:PassRole on " + bedrockRole + ".Arn if {StringEquals={iam:PassedToService=bedrock.amazonaws.com}}");
    }
}
