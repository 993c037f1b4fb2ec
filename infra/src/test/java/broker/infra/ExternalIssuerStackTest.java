package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.infra.config.StackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** An external OIDC issuer, a fixed account and region, no CORS, destroyable logs: one synth for the class. */
class ExternalIssuerStackTest extends SynthesizedStackTest {
    @Override
    StackConfig config(Path packages) {
        return Fixtures.external(Fixtures.lambdaPackages(packages));
    }

    @Test
    void stack_deploysToTheConfiguredAccountAndRegion() {
        assertThat(stack.getStackName()).isEqualTo("BedrockBrokerExternal");
        assertThat(stack.getAccount()).isEqualTo("123456789012");
        assertThat(stack.getRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void identity_createsNoCognitoResources() {
        assertThat(json.ids("AWS::Cognito::UserPool")).isEmpty();
        assertThat(json.ids("AWS::Cognito::UserPoolClient")).isEmpty();
        assertThat(json.ids("AWS::Cognito::UserPoolGroup")).isEmpty();
        assertThat(template.findOutputs("UserPoolId")).isEmpty();
    }

    @Test
    void authorizer_acceptsTheConfiguredIssuerAndAudiences() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of(
                        "Issuer", Fixtures.ISSUER,
                        "Audience", List.of(Fixtures.CLIENT_ID, "api://bedrock-broker", Fixtures.PORTAL_CLIENT_ID)))));
    }

    @Test
    void api_withoutAllowedOrigins_hasNoCorsConfiguration() {
        assertThat(json.properties(json.id("AWS::ApiGatewayV2::Api", "Api"))).doesNotContainKey("CorsConfiguration");
    }

    @Test
    void functions_publishTheIssuerClientAndClaimSettings() {
        for (String function : json.ids("AWS::Lambda::Function")) {
            Map<String, Object> variables = TemplateJson.map(
                    TemplateJson.map(json.properties(function).get("Environment")).get("Variables"));
            assertThat(variables)
                    .containsEntry(BrokerEnv.ISSUER, Fixtures.ISSUER)
                    .containsEntry(BrokerEnv.CLIENT_ID, Fixtures.CLIENT_ID)
                    .containsEntry(BrokerEnv.SCOPES, "openid email profile offline_access")
                    .containsEntry(BrokerEnv.REDIRECT_PORTS, "50000")
                    .containsEntry(BrokerEnv.USERNAME_CLAIM, "preferred_username")
                    .containsEntry(BrokerEnv.SUBJECT_CLAIM, "oid")
                    .containsEntry(BrokerEnv.AUDIENCES, Fixtures.CLIENT_ID + ",api://bedrock-broker," + Fixtures.PORTAL_CLIENT_ID)
                    .containsEntry(BrokerEnv.GROUPS_CLAIM, "groups")
                    .containsEntry(BrokerEnv.PRIMARY_MODEL, "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
                    .containsEntry(BrokerEnv.FAST_MODEL, "eu.anthropic.claude-haiku-4-5-20251001-v1:0")
                    .containsEntry(BrokerEnv.PORTAL_CLIENT_ID, Fixtures.PORTAL_CLIENT_ID)
                    .containsEntry("POWERTOOLS_LOG_LEVEL", "DEBUG");
        }
    }

    @Test
    void stage_usesTheConfiguredThrottling() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10))));
    }

    @Test
    void logGroups_useTheConfiguredRetentionAndRemovalPolicy() {
        assertThat(json.ids("AWS::Logs::LogGroup")).hasSize(9).allSatisfy(id -> {
            assertThat(json.properties(id)).containsEntry("RetentionInDays", 30);
            assertThat(json.resource(id)).containsEntry("DeletionPolicy", "Delete");
        });
    }

    /** No profile allows long-term keys: the function can list and delete keys, and create nothing. */
    @Test
    void apiKeysRole_withoutLongTermKeys_canOnlyReadListAndDeleteUnderTheConfiguredPath() {
        String role = json.id("AWS::IAM::Role", "FunctionsApiKeysRole");
        String logGroup = json.id("AWS::Logs::LogGroup", "FunctionsApiKeysLogGroup");
        String users = "arn:<AWS::Partition>:iam::<AWS::AccountId>:user" + Fixtures.EXTERNAL_USER_PATH + "*";
        String anyUser = "arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*";
        assertThat(json.permissionsOf(role)).containsExactlyInAnyOrder(
                "logs:CreateLogStream on " + logGroup + ".Arn",
                "logs:PutLogEvents on " + logGroup + ".Arn",
                "xray:PutTelemetryRecords on *",
                "xray:PutTraceSegments on *",
                "iam:GetUser on " + anyUser,
                "iam:ListUserTags on " + anyUser,
                "iam:ListServiceSpecificCredentials on " + users,
                "iam:DeleteServiceSpecificCredential on " + users,
                "iam:UntagUser on " + users + " if {ForAllValues:StringLike={aws:TagKeys=bedrock-broker:label/*}}");
    }

    @Test
    void keyFunctions_getTheConfiguredUserPath() {
        for (String name : List.of("ApiKeys", "Admin")) {
            Map<String, Object> variables = TemplateJson.map(TemplateJson.map(json.properties(
                    json.id("AWS::Lambda::Function", "Functions" + name + "Function")).get("Environment")).get("Variables"));
            assertThat(variables).containsEntry(BrokerEnv.IAM_USER_PATH, Fixtures.EXTERNAL_USER_PATH);
        }
        template.hasOutput("ApiKeyUserPath", Match.objectLike(Map.of("Value", Fixtures.EXTERNAL_USER_PATH)));
    }

    @Test
    void keyUserBoundary_followsTheRemovalPolicy() {
        assertThat(json.resource(json.id("AWS::IAM::ManagedPolicy", "ApiKeyUsersBoundary")))
                .containsEntry("DeletionPolicy", "Delete");
    }

    @Test
    void outputs_giveTheConfiguredIssuerAndClient() {
        template.hasOutput("Issuer", Match.objectLike(Map.of("Value", Fixtures.ISSUER)));
        template.hasOutput("CliClientId", Match.objectLike(Map.of("Value", Fixtures.CLIENT_ID)));
        template.hasOutput("ApiUrl", Match.anyValue());
        template.hasOutput("ConfigureCommand", Match.anyValue());
    }

    @Test
    void usage_subscribesTheIngestionFunctionToTheInvocationLogGroup() {
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", java.util.Map.of(
                "LogGroupName", "/aws/bedrock/modelinvocations",
                "FilterPattern", "{ $.schemaType = \"ModelInvocationLog\" }"));
        template.hasResourceProperties("AWS::Lambda::Permission", java.util.Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "logs.amazonaws.com"));
    }
}
