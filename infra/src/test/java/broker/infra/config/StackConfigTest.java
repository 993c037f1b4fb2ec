package broker.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.contract.BrokerEnv;
import broker.contract.LambdaJar;
import broker.infra.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

class StackConfigTest {
    /** The entitlements document shipped as the default in infra/ (tests run in the module directory). */
    private static final Path SHIPPED_ENTITLEMENTS = Path.of("entitlements.json").toAbsolutePath();

    @TempDir
    Path base;
    private Path staging;
    private Map<String, String> context;

    @BeforeEach
    void setUp() throws Exception {
        Files.copy(SHIPPED_ENTITLEMENTS, base.resolve("entitlements.json"));
        Fixtures.fakeJars(base);
        context = new HashMap<>(Map.of("lambdaDirectory", "."));
        staging = base.resolve("staging");
    }

    @Test
    void fromContext_withDefaults_createsCognitoWithCliDefaults() {
        StackConfig config = StackConfig.fromContext(context, base, staging);
        assertThat(config.stackName()).isEqualTo("BedrockBroker");
        assertThat(config.accountIfSet()).isEmpty();
        assertThat(config.regionIfSet()).isEmpty();
        assertThat(config.identity()).isEqualTo(new IdentityConfig.CognitoPool(null,
                java.util.List.of(), java.util.List.of(), false));
        assertThat(config.client()).isEqualTo(new ClientSettings(java.util.List.of("openid", "email", "profile"),
                BrokerEnv.DEFAULT_REDIRECT_PORTS, "email", "cognito:groups", "", ""));
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.throttling()).isEqualTo(new StackConfig.Throttling(20, 40));
        assertThat(config.logRetention()).isEqualTo(RetentionDays.ONE_YEAR);
        assertThat(config.removalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.iamUserPath()).isEqualTo("/bedrock-broker/users/");
        assertThat(config.entitlements().groups()).containsExactly("developers", "bedrock-admins");
        assertThat(config.lambdaPackages()).containsOnlyKeys(LambdaJar.values());
        assertThat(config.lambdaPackages().get(LambdaJar.KEYS)).isEqualTo(staging.resolve("keys"));
        assertThat(staging.resolve("keys/lib/bedrock-broker-lambda-keys.jar")).hasContent("not really a jar: keys");
    }

    @Test
    void fromContext_withIssuerAndPortalClient_publishesItAndAcceptsItsTokens() {
        context.putAll(Map.of("issuer", "https://login.example.com", "clientId", "cli", "portalClientId", "portal"));

        StackConfig config = StackConfig.fromContext(context, base, staging);

        assertThat(config.client().portalClientId()).isEqualTo("portal");
        assertThat(config.identity()).isEqualTo(new IdentityConfig.ExternalIssuer(
                "https://login.example.com", "cli", java.util.List.of("cli", "portal")));
    }

    @Test
    void fromContext_portalClientIdWithCognito_isRefused() {
        context.put("portalClientId", "portal");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("portalClientId");
    }

    @Test
    void fromContext_withIssuer_usesItAndDefaultsTheAudienceToTheClient() {
        context.putAll(Map.of("issuer", "https://login.example.com", "clientId", "cli",
                "allowedOrigins", "https://a.example.com, http://localhost:3000",
                "account", "123456789012", "region", "eu-west-1", "logRetentionDays", "30",
                "removalPolicy", "destroy", "throttlingRateLimit", "2.5", "throttlingBurstLimit", "5"));
        StackConfig config = StackConfig.fromContext(context, base, staging);
        assertThat(config.identity()).isEqualTo(new IdentityConfig.ExternalIssuer(
                "https://login.example.com", "cli", java.util.List.of("cli")));
        assertThat(config.client().scopes()).containsExactly("openid", "email", "profile", "offline_access");
        assertThat(config.client().groupsClaim()).isEqualTo("groups");
        assertThat(config.allowedOrigins()).containsExactly("https://a.example.com", "http://localhost:3000");
        assertThat(config.accountIfSet()).contains("123456789012");
        assertThat(config.regionIfSet()).contains("eu-west-1");
        assertThat(config.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(config.removalPolicy()).isEqualTo(RemovalPolicy.DESTROY);
        assertThat(config.throttling()).isEqualTo(new StackConfig.Throttling(2.5, 5));
    }

    @Test
    void fromContext_withPublicAndAdminRouteLimits_usesThem() {
        context.putAll(Map.of("throttlingPublicRateLimit", "1.5", "throttlingPublicBurstLimit", "3",
                "throttlingAdminRateLimit", "2", "throttlingAdminBurstLimit", "4"));

        StackConfig config = StackConfig.fromContext(context, base, staging);

        assertThat(config.throttling()).isEqualTo(new StackConfig.Throttling(20, 40, 1.5, 3, 2, 4));
    }

    @Test
    void fromContext_withANonPositivePublicRouteLimit_namesTheKey() {
        context.put("throttlingPublicBurstLimit", "0");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("throttlingPublicBurstLimit");
    }

    @Test
    void fromContext_keyInactiveDays_defaultsToNinetyAndTakesTheContext() {
        assertThat(StackConfig.fromContext(context, base, staging).keyInactiveDays()).isEqualTo(90);

        context.put("keyInactiveDays", "30");

        assertThat(StackConfig.fromContext(context, base, staging).keyInactiveDays()).isEqualTo(30);
    }

    @Test
    void fromContext_keyInactiveDaysBeyondTenYears_namesTheKey() {
        context.put("keyInactiveDays", "3651");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keyInactiveDays");
    }

    @Test
    void fromContext_issuersFile_isReadCheckedAndCompacted_withoutItOneIssuer() throws Exception {
        assertThat(StackConfig.fromContext(context, base, staging).severalIssuers()).isFalse();
        Files.writeString(base.resolve("issuers.json"), """
                [ {"issuer": "https://token.actions.githubusercontent.com", "kind": "workload",
                   "audiences": ["https://broker.example.com"]} ]""");
        context.put("issuersFile", "issuers.json");

        StackConfig config = StackConfig.fromContext(context, base, staging);

        assertThat(config.severalIssuers()).isTrue();
        assertThat(config.extraIssuers()).isEqualTo("[{\"issuer\":\"https://token.actions.githubusercontent.com\","
                + "\"kind\":\"workload\",\"audiences\":[\"https://broker.example.com\"]}]");
    }

    @Test
    void fromContext_issuersFileTheBrokerWouldRefuse_namesTheKeyAndTheProblem() throws Exception {
        Files.writeString(base.resolve("issuers.json"), "[{\"issuer\":\"http://ci.example.com\",\"audiences\":[\"x\"]}]");
        context.put("issuersFile", "issuers.json");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("issuersFile")
                .hasMessageContaining("$[0].issuer");
    }

    @Test
    void fromContext_createInvocationLogging_isOffUnlessSetToTrue() {
        assertThat(StackConfig.fromContext(context, base, staging).createInvocationLogging()).isFalse();

        context.put("createInvocationLogging", "true");

        assertThat(StackConfig.fromContext(context, base, staging).createInvocationLogging()).isTrue();
    }

    @Test
    void fromContext_createInvocationLoggingWithAUsageLogGroup_namesTheKey() {
        context.putAll(Map.of("createInvocationLogging", "true", "usageLogGroup", "/aws/bedrock/modelinvocations"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("createInvocationLogging")
                .hasMessageContaining("usageLogGroup");
    }

    @Test
    void fromContext_createInvocationLoggingNeitherTrueNorFalse_namesTheKey() {
        context.put("createInvocationLogging", "yes");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class).hasMessageContaining("createInvocationLogging");
    }

    @Test
    void fromContext_withIamUserPath_usesIt() {
        context.put("iamUserPath", "/platform/bedrock-keys/");
        assertThat(StackConfig.fromContext(context, base, staging).iamUserPath()).isEqualTo("/platform/bedrock-keys/");
    }

    @Test
    void fromContext_withIamUserPathOverIamsLimit_fails() {
        context.put("iamUserPath", "/" + "a".repeat(511) + "/");
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("context key iamUserPath must be at most 512 characters long");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            clientId            | cli                        | clientId must be nothing unless issuer is set
            audience            | api://broker               | audience must be nothing unless issuer is set
            logRetentionDays    | 42                         | logRetentionDays must be one of CloudWatch Logs' retention periods [1, 3,
            logRetentionDays    | forever                    | logRetentionDays must be a positive whole number
            redirectPorts       | 80                         | redirectPorts must be distinct ports between 1024 and 65535
            redirectPorts       | 53682,53682                | redirectPorts must be distinct ports
            redirectPorts       | callback                   | redirectPorts must be comma-separated port numbers
            allowedOrigins      | *                          | allowedOrigins must be origins such as https://portal.example.com
            allowedOrigins      | https://portal.example.com/app | but got https://portal.example.com/app
            allowedOrigins      | http://portal.example.com  | but got http://portal.example.com
            removalPolicy       | snapshot                   | removalPolicy must be retain or destroy
            cognitoDomainPrefix | my-aws-broker              | cognitoDomainPrefix must be 1-63 lowercase letters
            cognitoDomainPrefix | Broker                     | cognitoDomainPrefix must be
            cognitoFeaturePlan  | lite                       | cognitoFeaturePlan must be essentials or plus
            portalCallbackUrls  | http://portal.example.com/cb | portalCallbackUrls must be https URLs
            portalLogoutUrls    | https://portal.example.com/ | portalLogoutUrls must be nothing unless portalCallbackUrls is set
            scopes              | email profile              | scopes must be a list of OAuth scopes that includes openid
            throttlingRateLimit | 0                          | throttlingRateLimit must be a positive number
            throttlingBurstLimit| -1                         | throttlingBurstLimit must be a positive whole number
            logLevel            | verbose                    | logLevel must be one of
            account             | 1234                       | account must be a 12-digit AWS account id
            region              | Mars                       | region must be an AWS region name
            stackName           | 1st-broker                 | stackName must be a CloudFormation stack name
            usernameClaim       | user name                  | usernameClaim must be a claim name
            iamUserPath         | /                          | iamUserPath must be an IAM path with at least one segment
            iamUserPath         | /bedrock-broker/*/         | iamUserPath must be an IAM path with at least one segment
            iamUserPath         | /bedrock-broker/users      | iamUserPath must be an IAM path with at least one segment
            iamUserPath         | bedrock-broker/users/      | iamUserPath must be an IAM path with at least one segment
            iamUserPath         | /bedrock-broker//users/    | iamUserPath must be an IAM path with at least one segment
            """)
    void fromContext_withBadValue_failsNamingTheKey(String key, String value, String message) {
        context.put(key, value);
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("context key " + key.trim() + " must")
                .hasMessageContaining(message.trim());
        assertThat(staging).doesNotExist();
    }

    @ParameterizedTest(name = "{0} with issuer")
    @CsvSource({"cognitoDomainPrefix,broker", "cognitoFeaturePlan,plus", "portalCallbackUrls,https://p.example.com/cb"})
    void fromContext_withCognitoSettingAndIssuer_failsNamingTheSetting(String key, String value) {
        context.putAll(Map.of("issuer", "https://login.example.com", "clientId", "cli", key, value));
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("context key " + key + " must be nothing when issuer is set");
    }

    @Test
    void fromContext_withIssuerButNoClientId_failsAskingForTheClientId() {
        context.put("issuer", "https://login.example.com");
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("context key clientId must be the public client id");
    }

    @Test
    void fromContext_withPlainHttpIssuer_fails() {
        context.putAll(Map.of("issuer", "http://login.example.com", "clientId", "cli"));
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("context key issuer must be an https URL");
    }

    @Test
    void fromContext_withMissingEntitlementsFile_failsNamingTheFileAndKey() {
        context.put("entitlementsFile", "nowhere.json");
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(base.resolve("nowhere.json").toAbsolutePath().toString())
                .hasMessageContaining("entitlementsFile");
    }

    @Test
    void fromContext_withInvalidEntitlements_failsWithTheFileAndEachProblemsJsonPath() throws Exception {
        Path bad = Files.writeString(base.resolve("bad.json"), """
                {"version": 1,
                 "default": {"models": ["us.anthropic.claude-haiku-4-5-20251001-v1:0"], "regions": ["us-east-1"],
                             "maxSessionSeconds": 7200}}""");
        context.put("entitlementsFile", "bad.json");
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("entitlements file " + bad.toAbsolutePath() + " is invalid")
                .hasMessageContaining("$.default.maxSessionSeconds: ");
        assertThat(staging).doesNotExist();
    }

    @Test
    void fromContext_withMissingLambdaJar_failsNamingTheKeyAndTheBuild() {
        context.put("lambdaDirectory", "target/missing");
        assertThatThrownBy(() -> StackConfig.fromContext(context, base, staging))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(base.resolve("target/missing").resolve(LambdaJar.CREDENTIALS.fileName()).toAbsolutePath().toString())
                .hasMessageContaining("lambdaDirectory")
                .hasMessageContaining("mvn -B package");
    }
}
