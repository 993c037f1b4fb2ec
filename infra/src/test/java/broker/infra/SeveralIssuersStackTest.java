package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.infra.config.StackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The Cognito stack that also trusts GitHub Actions ({@code issuersFile}): API Gateway's JWT authorizer takes one
 * issuer, so the broker's own Lambda authorizer verifies tokens of both, with nothing but logs and tracing.
 */
class SeveralIssuersStackTest extends SynthesizedStackTest {
    static final String GITHUB = "[{\"issuer\":\"https://token.actions.githubusercontent.com\",\"kind\":\"workload\","
            + "\"audiences\":[\"https://broker.example.com\"],\"userNameClaim\":\"repository\"}]";

    @Override
    StackConfig config(Path packages) {
        StackConfig c = Fixtures.cognito(Fixtures.lambdaPackages(packages));
        return new StackConfig(c.stackName(), c.account(), c.region(), c.identity(), c.client(),
                c.entitlements(), c.lambdaPackages(), c.allowedOrigins(), c.throttling(), c.logRetention(),
                c.removalPolicy(), c.logLevel(), c.iamUserPath(), c.usageLogGroup(), c.keyInactiveDays(),
                c.createInvocationLogging(), GITHUB);
    }

    @Test
    void authorizer_isTheBrokersLambdaWithSimpleResponsesCachedByTheAuthorizationHeader() {
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
                "AuthorizerType", "REQUEST",
                "AuthorizerPayloadFormatVersion", "2.0",
                "EnableSimpleResponses", true,
                "IdentitySource", List.of("$request.header.Authorization"),
                "AuthorizerResultTtlInSeconds", 60)));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "broker.lambda.handler.AuthorizerHandler::handleRequest", "Timeout", 10)));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", json.id("AWS::Lambda::Alias", "FunctionsAuthorizerAlias")))));
    }

    /** Like every broker function, the authorizer runs from a SnapStart snapshot of its published version (primed). */
    @Test
    void authorizer_hasSnapStartOnItsPublishedVersionLikeEveryFunction() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "broker.lambda.handler.AuthorizerHandler::handleRequest",
                "Runtime", "java25",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))), 9);
        template.resourceCountIs("AWS::Lambda::Function", 9);
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", json.id("AWS::Lambda::Function", "FunctionsAuthorizerFunction")))));
    }

    @Test
    void everySignedInRoute_usesTheLambdaAuthorizer() {
        String authorizer = json.id("AWS::ApiGatewayV2::Authorizer", "Api");
        Map<String, Map<String, Object>> routes = template.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes.values()).allSatisfy(route -> {
            Map<String, Object> properties = TemplateJson.map(route.get("Properties"));
            if ("CUSTOM".equals(properties.get("AuthorizationType"))) {
                assertThat(properties.get("AuthorizerId")).isEqualTo(Map.of("Ref", authorizer));
            } else {
                assertThat(properties.get("AuthorizationType")).isEqualTo("NONE");
            }
        });
        assertThat(routes.values()).anyMatch(r -> "CUSTOM".equals(TemplateJson.map(r.get("Properties")).get("AuthorizationType")));
    }

    @Test
    void accessLog_takesTheSubjectFromTheLambdaAuthorizersContext() {
        Map<String, Object> stage = json.properties(json.id("AWS::ApiGatewayV2::Stage", "ApiDefaultStage"));
        String format = String.valueOf(TemplateJson.map(stage.get("AccessLogSettings")).get("Format"));
        assertThat(format).contains("\"subject\":\"$context.authorizer.sub\"").doesNotContain("authorizer.claims");
    }

    @Test
    void authorizerRole_holdsOnlyLogsAndTracing() {
        String role = json.id("AWS::IAM::Role", "FunctionsAuthorizerRole");
        String logGroup = json.id("AWS::Logs::LogGroup", "FunctionsAuthorizerLogGroup");
        assertThat(json.permissionsOf(role)).containsExactlyInAnyOrder(
                "logs:CreateLogStream on " + logGroup + ".Arn",
                "logs:PutLogEvents on " + logGroup + ".Arn",
                "xray:PutTelemetryRecords on *",
                "xray:PutTraceSegments on *");
    }

    @Test
    void everyFunction_trustsTheSameIssuersList() {
        for (String function : List.of("Credentials", "ApiKeys", "Admin", "Usage", "Authorizer")) {
            Map<String, Object> env = TemplateJson.map(TemplateJson.map(json.properties(
                    json.id("AWS::Lambda::Function", "Functions" + function + "Function")).get("Environment")).get("Variables"));
            assertThat(env).as(function).containsEntry(BrokerEnv.ISSUERS, GITHUB);
        }
    }
}
