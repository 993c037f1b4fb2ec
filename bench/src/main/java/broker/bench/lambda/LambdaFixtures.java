package broker.bench.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What the benchmarks feed the credentials function: its Lambda environment, an API Gateway event for
 * {@code POST /v1/credentials} from a signed-in developer, and a Lambda context. Uses only classes of the shaded
 * Lambda jar and the JDK, so that {@link InitLauncher} runs on the deployable artifact alone.
 */
public final class LambdaFixtures {
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";
    public static final String REGION = "us-east-1";

    /** A realistic document: several groups, the caller in one of them. */
    public static final String ENTITLEMENTS = """
            {
              "version": 1,
              "default": {"models": ["us.anthropic.claude-haiku-4-5-20251001-v1:0"], "regions": ["us-east-1"],
                          "maxSessionSeconds": 3600},
              "groups": {
                "developers": {
                  "models": ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                             "global.anthropic.claude-sonnet-4-5-20250929-v1:0"],
                  "regions": ["us-east-1", "us-east-2", "us-west-2"], "maxSessionSeconds": 3600, "shortTermKeys": true
                },
                "developers-eu": {
                  "models": ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0"], "regions": ["eu-central-1", "eu-west-1"],
                  "shortTermKeys": true
                },
                "integrations": {
                  "models": ["us.anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-micro-v1:0"],
                  "regions": ["us-east-1"], "maxSessionSeconds": 900,
                  "longTermKeys": {"allowed": true, "maxAgeDays": 90, "defaultAgeDays": 30, "maxKeys": 2}
                },
                "bedrock-admins": {
                  "models": ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"], "regions": ["us-east-1"]
                }
              },
              "adminGroups": ["bedrock-admins"]
            }
            """;

    private LambdaFixtures() {
    }

    public static Path writeEntitlements(Path dir) throws IOException {
        return Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
    }

    /** An entitlements file in a fresh temporary directory: an in-process benchmark's trial needs no other file. */
    public static Path temporaryEntitlements(String entitlements) throws IOException {
        return Files.writeString(Files.createTempDirectory("bench-entitlements").resolve("entitlements.json"),
                entitlements);
    }

    /** The credentials function's environment as infra sets it, with STS and the Bedrock control plane at {@code sts} (a {@link StsStub}). */
    public static Map<String, String> environment(Path entitlements, URI sts) {
        Map<String, String> env = new HashMap<>();
        env.put("BROKER_ROLE_ARN", ROLE_ARN);
        env.put("BROKER_REGION", REGION);
        env.put("AWS_REGION", REGION);
        env.put("BROKER_ENTITLEMENTS_FILE", entitlements.toString());
        env.put("BROKER_ISSUER", "https://issuer.example.com");
        env.put("BROKER_CLIENT_ID", "bench-client");
        env.put("BROKER_STS_ENDPOINT", sts.toString());
        env.put("BROKER_BEDROCK_ENDPOINT", sts.toString());
        env.put("BROKER_PERMISSIONS_BOUNDARY_ARN", "arn:aws:iam::123456789012:policy/bedrock-broker-key-boundary");
        // The function's own (role) credentials, as the Lambda runtime sets them.
        env.put("AWS_ACCESS_KEY_ID", "ASIABENCHFUNCTIONROLE");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-function-secret");
        env.put("AWS_SESSION_TOKEN", "bench-function-session-token");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "bedrock-broker-credentials");
        env.put("POWERTOOLS_SERVICE_NAME", "bedrock-broker");
        return env;
    }

    /** The function's role credentials as a provider, for clients built in process (the environment has the same). */
    public static StaticCredentialsProvider functionRole() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIABENCHFUNCTIONROLE",
                "bench-function-secret", "bench-function-token"));
    }

    /** {@code POST /v1/credentials} as API Gateway's HTTP API sends it after its JWT authorizer accepted the token. */
    public static APIGatewayV2HTTPEvent credentialsEvent(String requestId) {
        Map<String, String> claims = Map.of("sub", "0f7c1c1e-bench-user", "email", "alice@example.com",
                "groups", "[developers]", "iss", "https://issuer.example.com", "aud", "bench-client");
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(List.of()).build();
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/v1/credentials")
                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").withUserAgent("bedrock-broker-client/bench").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(requestId).withRouteKey("POST /v1/credentials")
                .withStage("$default").withHttp(http).withAuthorizer(authorizer).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /v1/credentials")
                .withRawPath("/v1/credentials").withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"durationSeconds\":3600,\"region\":\"us-east-1\"}").withRequestContext(context).build();
    }

    /** {@code GET /v1/client-config} (public, no authorizer). */
    public static APIGatewayV2HTTPEvent clientConfigEvent() {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/v1/client-config")
                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").withUserAgent("bedrock-broker-client/bench").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("bench-public")
                .withRouteKey("GET /v1/client-config").withStage("$default").withHttp(http).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /v1/client-config")
                .withRawPath("/v1/client-config").withHeaders(Map.of()).withRequestContext(context).build();
    }

    /** A Lambda context as the runtime passes it (Powertools reads the request id and function name). */
    public static Context context(String requestId) {
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return "/aws/lambda/bedrock-broker-credentials"; }
            @Override public String getLogStreamName() { return "bench"; }
            @Override public String getFunctionName() { return "bedrock-broker-credentials"; }
            @Override public String getFunctionVersion() { return "1"; }
            @Override public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:bedrock-broker-credentials:live";
            }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 10_000; }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override public void log(String message) { System.err.print(message); }
                    @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
                };
            }
        };
    }

    /** An audit log that drops everything: the benchmarks measure issuance, not log formatting. */
    public static final AuditLog SILENT_AUDIT = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
        }

        @Override
        public void upstreamLatency(String service, Duration latency) {
        }
    };

    /** Fails the benchmark's setup unless {@code response} issued (200), so that no variant measures a refusal. */
    public static void checkIssued(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("the benchmark request was refused: " + response.getStatusCode() + " "
                    + response.getBody());
        }
    }
}
