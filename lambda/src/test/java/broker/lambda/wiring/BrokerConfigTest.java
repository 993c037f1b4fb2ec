package broker.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.snapstart.CredentialsPriming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
    static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
             "regions":["us-east-1"],"shortTermKeys":true}}}""";

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
        return env;
    }

    @Test
    void fromEnvironment_minimal_appliesDefaults() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());

        assertThat(config.region()).isEqualTo("eu-central-1");
        assertThat(config.identityClaims().userNameClaim()).isEqualTo("email");
        assertThat(config.identityClaims().groupsClaim()).isEqualTo("groups");
        assertThat(config.clientConfig().redirectPorts()).containsExactly(53682, 53683, 53684);
        assertThat(config.clientConfig().scopes()).contains("openid");
        assertThat(config.stsEndpointOverride()).isEmpty();
    }

    @Test
    void fromEnvironment_overrides_areRead() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_REGION", "us-west-2");
        env.put("BROKER_USERNAME_CLAIM", "cognito:username");
        env.put("BROKER_GROUPS_CLAIM", "cognito:groups");
        env.put("BROKER_REDIRECT_PORTS", "8400, 8401");
        env.put("BROKER_SCOPES", "openid email");
        env.put("BROKER_STS_ENDPOINT", "http://127.0.0.1:9999");

        BrokerConfig config = BrokerConfig.fromEnvironment(env);

        assertThat(config.region()).isEqualTo("us-west-2");
        assertThat(config.identityClaims().groupsClaim()).isEqualTo("cognito:groups");
        assertThat(config.clientConfig().redirectPorts()).containsExactly(8400, 8401);
        assertThat(config.clientConfig().scopes()).containsExactly("openid", "email");
        assertThat(config.stsEndpointOverride()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9999));
    }

    @Test
    void fromEnvironment_missingRoleArn_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.remove("BROKER_ROLE_ARN");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_ROLE_ARN");
    }

    @Test
    void fromEnvironment_badPorts_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_REDIRECT_PORTS", "80,eighty");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_REDIRECT_PORTS");
    }

    @Test
    void fromEnvironment_invalidEntitlements_failsInitWithThePath() throws Exception {
        Map<String, String> env = env();
        Files.writeString(Path.of(env.get("BROKER_ENTITLEMENTS_FILE")), "{\"version\":2}");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("$.version");
    }

    /** A document in the right format whose policy cannot fit STS's limit (the size check refuses it). */
    static final String TOO_LARGE = "{\"version\":1,\"default\":{\"models\":[" + java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> "\"us.anthropic.claude-model-number-" + i + "-20250929-v1:0\"")
            .collect(java.util.stream.Collectors.joining(",")) + "],\"regions\":[\"us-east-1\"]}}";

    @Test
    void fromEnvironment_entitlementsWithoutAStamp_getTheWholeCheck() throws Exception {
        Map<String, String> env = env();
        Files.writeString(Path.of(env.get("BROKER_ENTITLEMENTS_FILE")), TOO_LARGE);

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("characters, over the 2048");
    }

    @Test
    void fromEnvironment_entitlementsChangedSinceTheirStamp_getTheWholeCheck() throws Exception {
        Map<String, String> env = env();
        Path file = Path.of(env.get("BROKER_ENTITLEMENTS_FILE"));
        Files.writeString(file.resolveSibling("entitlements.json.checked"),
                broker.lambda.core.policy.EntitlementsCheck.stamp(Files.readString(file)));
        Files.writeString(file, TOO_LARGE);

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("characters, over the 2048");
    }

    @Test
    void fromEnvironment_entitlementsWithTheirOwnStamp_skipTheSizeCheckSynthRan() throws Exception {
        Map<String, String> env = env();
        Path file = Path.of(env.get("BROKER_ENTITLEMENTS_FILE"));
        Files.writeString(file, TOO_LARGE);
        Files.writeString(file.resolveSibling("entitlements.json.checked"),
                broker.lambda.core.policy.EntitlementsCheck.stamp(TOO_LARGE));

        assertThat(BrokerConfig.fromEnvironment(env).entitlements().allModels()).hasSize(20);
    }

    @Test
    void fromEnvironment_minimal_turnsTheModelCatalogOnWithBedrocksOwnEndpoints() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());

        assertThat(config.catalog().enabled()).isTrue();
        assertThat(config.catalog().bedrockEndpoint()).isNull();
        assertThat(config.catalog().timing().refreshInterval()).hasMinutes(15);
    }

    @Test
    void fromEnvironment_modelCatalogOffAndEndpoint_areRead() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_MODEL_CATALOG", "off");
        env.put("BROKER_BEDROCK_ENDPOINT", "http://127.0.0.1:9998");

        BrokerConfig config = BrokerConfig.fromEnvironment(env);

        assertThat(config.catalog().enabled()).isFalse();
        assertThat(config.catalog().bedrockEndpoint()).hasPort(9998);
    }

    @Test
    void fromEnvironment_modelCatalogNeitherOnNorOff_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_MODEL_CATALOG", "sometimes");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_MODEL_CATALOG");
    }

    @Test
    void fromEnvironment_modelPreferences_areReadInOrder() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_PRIMARY_MODELS", "anthropic.claude-opus-4*, us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        env.put("BROKER_FAST_MODELS", "amazon.nova-*");

        var preferences = BrokerConfig.fromEnvironment(env).catalog().preferences();

        assertThat(preferences.primary()).containsExactly("anthropic.claude-opus-4*", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(preferences.fast()).containsExactly("amazon.nova-*");
    }

    @Test
    void fromEnvironment_modelPreferenceThatIsNoModelId_namesTheVariable() throws Exception {
        Map<String, String> env = env();
        env.put("BROKER_FAST_MODELS", "Claude Haiku");

        assertThatThrownBy(() -> BrokerConfig.fromEnvironment(env)).hasMessageContaining("BROKER_FAST_MODELS");
    }

    @Test
    void constructorWithoutCatalogSettings_leavesTheCatalogOff() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());
        BrokerConfig legacy = new BrokerConfig(config.roleArn(), config.region(), config.entitlements(),
                config.identityClaims(), config.clientConfig(), null, null);

        assertThat(legacy.catalog()).isEqualTo(BrokerConfig.CatalogSettings.OFF);
    }

    @Test
    void prime_withTheCatalogOff_runsEveryRouteToo() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env()).withCatalog(BrokerConfig.CatalogSettings.OFF);

        assertThat(CredentialsPriming.credentials(config).run()).containsExactly(200, 200, 200, 200);
    }

    @Test
    void prime_runsEveryRouteAgainstTheInProcessStub() throws Exception {
        BrokerConfig config = BrokerConfig.fromEnvironment(env());

        assertThat(CredentialsPriming.credentials(config).run()).containsExactly(200, 200, 200, 200);
    }
}
