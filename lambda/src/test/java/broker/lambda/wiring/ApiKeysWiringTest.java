package broker.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.handler.AdminHandler;
import broker.lambda.handler.ApiKeysHandler;
import broker.lambda.handler.FunctionParts;
import broker.lambda.snapstart.KeysPriming;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The API-key and admin functions' configuration, wiring and SnapStart priming. */
public class ApiKeysWiringTest {
    public static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
             "regions":["us-east-1"],"longTermKeys":{"allowed":true}}},"adminGroups":["bedrock-admins"]}""";
    public static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";

    @TempDir
    Path dir;

    Map<String, String> env() throws Exception {
        Path file = dir.resolve("entitlements.json");
        Files.writeString(file, ENTITLEMENTS);
        Map<String, String> env = new HashMap<>();
        env.put("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/bedrock-users");
        env.put("AWS_REGION", "eu-central-1");
        env.put("BROKER_ENTITLEMENTS_FILE", file.toString());
        env.put("BROKER_ISSUER", "https://idp.example.com");
        env.put("BROKER_CLIENT_ID", "cli");
        env.put("BROKER_PERMISSIONS_BOUNDARY_ARN", BOUNDARY);
        return env;
    }

    @Test
    void fromEnvironment_withoutUserPath_usesTheBrokerPath() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());

        assertThat(config.iamUserPath()).isEqualTo("/bedrock-broker/users/");
        assertThat(config.permissionsBoundaryArn()).isEqualTo(BOUNDARY);
    }

    @Test
    void fromEnvironment_userPathAndIamEndpoint_areRead() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_IAM_USER_PATH", "/acme/bedrock/");
        env.put("BROKER_IAM_ENDPOINT", "http://127.0.0.1:9998");

        BrokerConfig config = BrokerConfig.fromEnvironment(env);

        assertThat(config.iamUserPath()).isEqualTo("/acme/bedrock/");
        assertThat(config.iamEndpointOverride()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9998));
    }

    @Test
    void fromEnvironment_aPathWithoutSlashes_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_IAM_USER_PATH", "bedrock-broker");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_IAM_USER_PATH");
    }

    @Test
    void fromEnvironment_aBoundaryThatIsNotAPolicyArn_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_PERMISSIONS_BOUNDARY_ARN", "arn:aws:iam::123456789012:role/not-a-policy");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_PERMISSIONS_BOUNDARY_ARN");
    }

    @Test
    void apiKeysRoutes_withoutABoundary_failTheInit() throws Exception {
        Map<String, String> env = env();
        env.remove("BROKER_PERMISSIONS_BOUNDARY_ARN");
        BrokerConfig config = BrokerConfig.fromEnvironment(env);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-example"));

        assertThatThrownBy(() -> KeysWiring.apiKeysRoutes(config, credentials)).hasMessageContaining("BROKER_PERMISSIONS_BOUNDARY_ARN");
        assertThatThrownBy(() -> KeysWiring.adminRoutes(config, credentials)).hasMessageContaining("BROKER_PERMISSIONS_BOUNDARY_ARN");
    }

    @Test
    void primeApiKeys_runsEveryRouteAgainstInProcessIam() throws Exception {
        assertThat(KeysPriming.apiKeys(BrokerConfig.fromEnvironment(env())).run()).containsExactly(201, 200, 404);
    }

    @Test
    void primeAdmin_runsEveryRouteAsAnAdmin() throws Exception {
        assertThat(KeysPriming.admin(BrokerConfig.fromEnvironment(env())).run()).containsExactly(200, 404, 200, 200);
    }

    @Test
    void handlers_withRoutes_answerThroughTheirRoutes() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-example"));
        var apiKeys = new ApiKeysHandler(FunctionParts.local(KeysWiring.apiKeysRoutes(config, credentials)::handle));
        var admin = new AdminHandler(FunctionParts.local(KeysWiring.adminRoutes(config, credentials)::handle));
        var event = EventLoader.loadApiGatewayHttpEvent("events/api-keys-list.json");
        event.setRouteKey("GET /v1/nothing");

        assertThat(apiKeys.handleRequest(event, null).getStatusCode()).isEqualTo(404);
        assertThat(admin.handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }
}
