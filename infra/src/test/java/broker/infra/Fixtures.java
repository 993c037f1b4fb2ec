package broker.infra;


import broker.contract.BrokerEnv;
import broker.contract.LambdaJar;
import broker.infra.config.ClientSettings;
import broker.infra.config.Entitlements;
import broker.infra.config.IdentityConfig;
import broker.infra.config.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Stack configurations for synth tests, independent of the Lambda jar's packaging and of the entitlements engine. */
public final class Fixtures {
    public static final String ISSUER = "https://login.example.com/oauth2/default";
    public static final String CLIENT_ID = "0oa-cli-client";
    public static final String PORTAL_ORIGIN = "https://portal.example.com";
    /** The onboarding page's client at the external issuer. */
    public static final String PORTAL_CLIENT_ID = "bedrock-broker-portal";

    /**
     * An app with cdk.json's feature flags (the ones a new CDK app gets, docs/deploy.md), so that every synth test
     * builds the template `cdk synth` builds.
     */
    @SuppressWarnings("unchecked")
    public static App app() {
        try {
            Map<String, Object> cdkJson = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(Path.of("cdk.json").toFile(), Map.class);
            Map<String, Object> flags = new java.util.TreeMap<>();
            ((Map<String, Object>) cdkJson.get("context")).forEach((k, v) -> {
                if (k.startsWith("@aws-cdk")) flags.put(k, v);
            });
            return App.Builder.create().context(flags).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ceiling in SessionPolicy's shape, with its kinds of wildcard; tokens for partition and account. */
    public static final String CEILING_POLICY = """
            {"Version":"2012-10-17","Statement":[\
            {"Effect":"Allow","Action":["bedrock:GetInferenceProfile","bedrock:InvokeModel",\
            "bedrock:InvokeModelWithResponseStream"],\
            "Resource":["arn:%1$s:bedrock:*::foundation-model/amazon.nova-micro-v1:0",\
            "arn:%1$s:bedrock:*:%2$s:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"],\
            "Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}},\
            {"Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],\
            "Resource":"arn:%1$s:bedrock:us-*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"},\
            {"Effect":"Allow","Action":"bedrock:ListInferenceProfiles","Resource":"*"},\
            {"Effect":"Allow","Action":"bedrock:CallWithBearerToken","Resource":"*",\
            "Condition":{"StringEquals":{"bedrock:BearerTokenType":"SHORT_TERM"}}}]}"""
            .formatted(Aws.PARTITION, Aws.ACCOUNT_ID);

    /** A key-user boundary in LongTermKeyPolicy's shape. */
    public static final String KEY_USER_BOUNDARY_POLICY = """
            {"Version":"2012-10-17","Statement":[\
            {"Effect":"Allow","Action":["bedrock:GetInferenceProfile","bedrock:InvokeModel",\
            "bedrock:InvokeModelWithResponseStream"],\
            "Resource":["arn:%1$s:bedrock:*:%2$s:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",\
            "arn:%1$s:bedrock:us-*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"]},\
            {"Effect":"Allow","Action":"bedrock:ListInferenceProfiles","Resource":"*"},\
            {"Effect":"Allow","Action":"bedrock:CallWithBearerToken","Resource":"*",\
            "Condition":{"StringEquals":{"bedrock:BearerTokenType":"LONG_TERM"}}}]}"""
            .formatted(Aws.PARTITION, Aws.ACCOUNT_ID);
    /** The largest key age of the Cognito fixture's profiles. */
    public static final int MAX_KEY_AGE_DAYS = 90;
    /** The external fixture's IAM path for key users. */
    public static final String EXTERNAL_USER_PATH = "/platform/bedrock-keys/";

    private Fixtures() {}

    /** Files standing in for the Lambda jars, in {@code directory}. */
    public static Path fakeJars(Path directory) {
        try {
            for (LambdaJar jar : LambdaJar.values()) {
                Files.writeString(directory.resolve(jar.fileName()), "not really a jar: " + jar.id());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Staged packages as LambdaPackage makes them, with a few bytes standing in for each jar. */
    public static Map<LambdaJar, Path> lambdaPackages(Path directory) {
        try {
            Map<LambdaJar, Path> packages = new EnumMap<>(LambdaJar.class);
            for (LambdaJar jar : LambdaJar.values()) {
                Path staged = directory.resolve(jar.id());
                Files.createDirectories(staged.resolve("lib"));
                Files.writeString(staged.resolve("lib").resolve(jar.fileName()), "not really a jar: " + jar.id());
                Files.writeString(staged.resolve(BrokerEnv.BUNDLED_ENTITLEMENTS), "{}");
                packages.put(jar, staged);
            }
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param maxKeyAgeDays 0: no profile allows long-term API keys */
    public static Entitlements entitlements(int maxKeyAgeDays) {
        return new Entitlements(Path.of("entitlements.json"), "{}", List.of("developers", "broker-admins"),
                CEILING_POLICY, KEY_USER_BOUNDARY_POLICY, maxKeyAgeDays);
    }

    /** Cognito mode with a portal client and a CORS origin; long-term keys of up to {@value #MAX_KEY_AGE_DAYS} days. */
    public static StackConfig cognito(Map<LambdaJar, Path> lambdaPackages) {
        return new StackConfig("BedrockBroker", null, null,
                new IdentityConfig.CognitoPool(null, List.of(PORTAL_ORIGIN + "/callback"),
                        List.of(PORTAL_ORIGIN + "/"), false),
                new ClientSettings(StackConfig.COGNITO_SCOPES, BrokerEnv.DEFAULT_REDIRECT_PORTS,
                        StackConfig.DEFAULT_USERNAME_CLAIM, StackConfig.COGNITO_GROUPS_CLAIM, "", ""),
                entitlements(MAX_KEY_AGE_DAYS), lambdaPackages, List.of(PORTAL_ORIGIN), StackConfig.DEFAULT_THROTTLING,
                RetentionDays.ONE_YEAR, RemovalPolicy.RETAIN, "INFO", BrokerEnv.DEFAULT_IAM_USER_PATH, null);
    }

    /** External-issuer mode, no CORS, no long-term keys, its own IAM path for key users. */
    public static StackConfig external(Map<LambdaJar, Path> lambdaPackages) {
        return new StackConfig("BedrockBrokerExternal", "123456789012", "eu-west-1",
                new IdentityConfig.ExternalIssuer(ISSUER, CLIENT_ID, List.of(CLIENT_ID, "api://bedrock-broker", PORTAL_CLIENT_ID)),
                new ClientSettings(BrokerEnv.DEFAULT_SCOPES, List.of(50000), "preferred_username", "groups",
                        "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
                        PORTAL_CLIENT_ID, "oid"),
                entitlements(0), lambdaPackages, List.of(), new StackConfig.Throttling(5, 10),
                RetentionDays.ONE_MONTH, RemovalPolicy.DESTROY, "DEBUG", EXTERNAL_USER_PATH, "/aws/bedrock/modelinvocations");
    }
}
