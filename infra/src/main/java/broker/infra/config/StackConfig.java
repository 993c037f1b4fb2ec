package broker.infra.config;

import broker.contract.BrokerEnv;
import broker.contract.LambdaJar;
import broker.lambda.core.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything the stack is built from, validated once: a bad value fails {@code cdk synth} with a
 * {@link ConfigException} naming its context key, before any construct exists.
 *
 * @param stackName     CloudFormation stack name
 * @param account       target account, or null for the CLI's current account (environment-agnostic stack)
 * @param region        target region, or null for the CLI's current region
 * @param identity      Cognito or an external OIDC issuer
 * @param client        what {@code GET /v1/client-config} publishes, and which claims the broker reads
 * @param entitlements  the validated entitlements document
 * @param lambdaPackages each Lambda jar's staged directory, holding the jar and the entitlements document
 * @param allowedOrigins portal origins allowed by CORS; empty: no CORS
 * @param throttling    the API's default, public-route and admin-route rates and bursts
 * @param logRetention  retention of every log group
 * @param removalPolicy what {@code cdk destroy} does with the user pool and the log groups
 * @param logLevel      the functions' Powertools log level
 * @param iamUserPath   the IAM path of the users that hold long-term API keys; the API-keys and admin functions may
 *                      change users under it only
 * @param usageLogGroup the CloudWatch Logs group Bedrock writes its model invocation logs to (the usage function
 *                      subscribes to it), or null: no usage ingestion in AWS
 * @param keyInactiveDays key reconciliation deactivates the long-term keys of people not seen for this many days
 * @param createInvocationLogging whether the stack creates an invocation log group and turns Bedrock's model invocation
 *                      logging on in its region (metadata only) with a custom resource; excludes {@code usageLogGroup}
 * @param extraIssuers  the issuers trusted besides the people issuer ({@code issuersFile}: the same JSON list as the
 *                      local broker's {@code --issuers}), as compact JSON, or null: one issuer, the JWT authorizer
 */
public record StackConfig(String stackName, String account, String region, IdentityConfig identity,
                          ClientSettings client, Entitlements entitlements, Map<LambdaJar, Path> lambdaPackages,
                          List<String> allowedOrigins, Throttling throttling, RetentionDays logRetention,
                          RemovalPolicy removalPolicy, String logLevel, String iamUserPath,
                          String usageLogGroup, int keyInactiveDays, boolean createInvocationLogging,
                          String extraIssuers) {

    /**
     * API throttling: the stage's default, which every signed-in route gets, and the limits of the public bootstrap
     * routes (anyone on the internet may call them) and of the admin routes. API Gateway keeps one token bucket per
     * route, so a flood of anonymous requests uses up the public routes' buckets and never the admins'.
     *
     * @param rateLimit        steady-state requests per second of each signed-in route
     * @param burstLimit       bucket size of each signed-in route
     * @param publicRateLimit  steady-state requests per second of each public route
     * @param publicBurstLimit bucket size of each public route
     * @param adminRateLimit   steady-state requests per second of each admin route
     * @param adminBurstLimit  bucket size of each admin route
     */
    public record Throttling(double rateLimit, int burstLimit, double publicRateLimit, int publicBurstLimit,
                             double adminRateLimit, int adminBurstLimit) {
        /** The public and admin routes' default limits. */
        public static final double PUBLIC_RATE_LIMIT = 5;
        public static final int PUBLIC_BURST_LIMIT = 10;
        public static final double ADMIN_RATE_LIMIT = 5;
        public static final int ADMIN_BURST_LIMIT = 10;

        public Throttling {
            if (!(rateLimit > 0 && publicRateLimit > 0 && adminRateLimit > 0)
                    || burstLimit < 1 || publicBurstLimit < 1 || adminBurstLimit < 1) {
                throw new IllegalArgumentException("every rate and burst limit must be positive");
            }
        }

        /** The signed-in routes' limits, with the public and admin routes' defaults. */
        public Throttling(double rateLimit, int burstLimit) {
            this(rateLimit, burstLimit, PUBLIC_RATE_LIMIT, PUBLIC_BURST_LIMIT, ADMIN_RATE_LIMIT, ADMIN_BURST_LIMIT);
        }
    }

    /** Every context key the app reads; the deploy guide documents each. */
    public enum Key {
        STACK_NAME("stackName"), ACCOUNT("account"), REGION("region"),
        ISSUER("issuer"), CLIENT_ID("clientId"), AUDIENCE("audience"), SCOPES("scopes"),
        USERNAME_CLAIM("usernameClaim"), GROUPS_CLAIM("groupsClaim"), REDIRECT_PORTS("redirectPorts"),
        COGNITO_DOMAIN_PREFIX("cognitoDomainPrefix"), COGNITO_FEATURE_PLAN("cognitoFeaturePlan"),
        PORTAL_CALLBACK_URLS("portalCallbackUrls"), PORTAL_LOGOUT_URLS("portalLogoutUrls"),
        ENTITLEMENTS_FILE("entitlementsFile"), LAMBDA_DIRECTORY("lambdaDirectory"),
        ALLOWED_ORIGINS("allowedOrigins"), PRIMARY_MODEL("primaryModel"), FAST_MODEL("fastModel"),
        PORTAL_CLIENT_ID("portalClientId"),
        THROTTLING_RATE_LIMIT("throttlingRateLimit"), THROTTLING_BURST_LIMIT("throttlingBurstLimit"),
        THROTTLING_PUBLIC_RATE_LIMIT("throttlingPublicRateLimit"),
        THROTTLING_PUBLIC_BURST_LIMIT("throttlingPublicBurstLimit"),
        THROTTLING_ADMIN_RATE_LIMIT("throttlingAdminRateLimit"), THROTTLING_ADMIN_BURST_LIMIT("throttlingAdminBurstLimit"),
        LOG_RETENTION_DAYS("logRetentionDays"), REMOVAL_POLICY("removalPolicy"), LOG_LEVEL("logLevel"),
        IAM_USER_PATH("iamUserPath"), SUBJECT_CLAIM("subjectClaim"), USAGE_LOG_GROUP("usageLogGroup"),
        KEY_INACTIVE_DAYS("keyInactiveDays"), CREATE_INVOCATION_LOGGING("createInvocationLogging"),
        ISSUERS_FILE("issuersFile");

        private final String contextKey;

        Key(String contextKey) {
            this.contextKey = contextKey;
        }

        public String contextKey() {
            return contextKey;
        }
    }

    public static final String DEFAULT_STACK_NAME = "BedrockBroker";
    public static final String DEFAULT_ENTITLEMENTS_FILE = "entitlements.json";
    public static final String DEFAULT_LAMBDA_DIRECTORY = "../lambda/target";
    /** Cognito rejects {@code offline_access}; it issues refresh tokens to the authorization-code flow anyway. */
    public static final List<String> COGNITO_SCOPES = List.of("openid", "email", "profile");
    public static final String COGNITO_GROUPS_CLAIM = "cognito:groups";
    public static final String DEFAULT_USERNAME_CLAIM = "email";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final Throttling DEFAULT_THROTTLING = new Throttling(20, 40);
    public static final int DEFAULT_LOG_RETENTION_DAYS = 365;

    private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern DOMAIN_PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,128}");
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:\\-/]{0,200}");
    /**
     * At least one segment, so never {@code /} (every user of the account), and no {@code *} or {@code ?}, which the
     * roles' {@code user<path>*} resource would read as wildcards. IAM allows paths of up to 512 characters.
     */
    private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9_\\-/.#]{1,512}");
    private static final Pattern IAM_USER_PATH = Pattern.compile("(/[A-Za-z0-9_+=,.@-]+)+/");
    private static final int MAX_IAM_PATH_LENGTH = 512;

    public StackConfig {
        Require.nonNull("stackName identity client entitlements", stackName, identity, client, entitlements);
        lambdaPackages = Map.copyOf(lambdaPackages);
        if (!lambdaPackages.keySet().equals(EnumSet.allOf(LambdaJar.class))) {
            throw new IllegalArgumentException("lambdaPackages must hold a package for every LambdaJar");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        Require.nonNull("throttling logRetention removalPolicy logLevel iamUserPath", throttling, logRetention,
                removalPolicy, logLevel, iamUserPath);
        if (keyInactiveDays < 1 || keyInactiveDays > BrokerEnv.MAX_KEY_INACTIVE_DAYS) {
            throw new IllegalArgumentException("keyInactiveDays must be 1 to " + BrokerEnv.MAX_KEY_INACTIVE_DAYS);
        }
        if (createInvocationLogging && usageLogGroup != null) {
            throw new IllegalArgumentException("createInvocationLogging and usageLogGroup exclude each other");
        }
    }

    /** Everything but the key reconciliation's days, which take {@value BrokerEnv#DEFAULT_KEY_INACTIVE_DAYS}. */
    public StackConfig(String stackName, String account, String region, IdentityConfig identity, ClientSettings client,
                       Entitlements entitlements, Map<LambdaJar, Path> lambdaPackages, List<String> allowedOrigins,
                       Throttling throttling, RetentionDays logRetention, RemovalPolicy removalPolicy, String logLevel,
                       String iamUserPath, String usageLogGroup) {
        this(stackName, account, region, identity, client, entitlements, lambdaPackages, allowedOrigins, throttling,
                logRetention, removalPolicy, logLevel, iamUserPath, usageLogGroup, BrokerEnv.DEFAULT_KEY_INACTIVE_DAYS,
                false, null);
    }

    /** One issuer (the JWT authorizer). */
    public StackConfig(String stackName, String account, String region, IdentityConfig identity, ClientSettings client,
                       Entitlements entitlements, Map<LambdaJar, Path> lambdaPackages, List<String> allowedOrigins,
                       Throttling throttling, RetentionDays logRetention, RemovalPolicy removalPolicy, String logLevel,
                       String iamUserPath, String usageLogGroup, int keyInactiveDays, boolean createInvocationLogging) {
        this(stackName, account, region, identity, client, entitlements, lambdaPackages, allowedOrigins, throttling,
                logRetention, removalPolicy, logLevel, iamUserPath, usageLogGroup, keyInactiveDays,
                createInvocationLogging, null);
    }

    /** True when the stack trusts more than one issuer, so API Gateway calls the broker's Lambda authorizer. */
    public boolean severalIssuers() {
        return extraIssuers != null;
    }

    public Optional<String> accountIfSet() {
        return Optional.ofNullable(account);
    }

    public Optional<String> regionIfSet() {
        return Optional.ofNullable(region);
    }

    /**
     * Builds the configuration from CDK context values (all as strings; lists comma-separated), validating each,
     * then the entitlements file, then stages the Lambda package in {@code stagingDirectory}.
     *
     * @param context          context key to value; absent keys take their defaults
     * @param baseDirectory    what relative file paths in the context are relative to (the {@code infra} directory)
     * @param stagingDirectory where to stage the Lambda package (replaced)
     * @throws ConfigException for the first bad setting, or an invalid entitlements file
     */
    public static StackConfig fromContext(Map<String, String> context, Path baseDirectory, Path stagingDirectory) {
        var values = new Values(context);
        String stackName = values.matching(Key.STACK_NAME, STACK_NAME, DEFAULT_STACK_NAME,
                "a CloudFormation stack name (letters, digits, hyphens; starting with a letter)");
        String account = values.matching(Key.ACCOUNT, ACCOUNT_ID, null, "a 12-digit AWS account id");
        String region = values.matching(Key.REGION, REGION_NAME, null, "an AWS region name such as us-east-1");

        IdentityConfig identity = identity(values);
        boolean cognito = identity instanceof IdentityConfig.CognitoPool;
        List<String> scopes = values.list(Key.SCOPES, cognito ? COGNITO_SCOPES : BrokerEnv.DEFAULT_SCOPES);
        if (!scopes.contains("openid")) throw values.bad(Key.SCOPES, "a list of OAuth scopes that includes openid");
        var client = new ClientSettings(
                scopes,
                ports(values),
                values.matching(Key.USERNAME_CLAIM, CLAIM, DEFAULT_USERNAME_CLAIM, "a claim name"),
                values.matching(Key.GROUPS_CLAIM, CLAIM, cognito ? COGNITO_GROUPS_CLAIM : DEFAULT_GROUPS_CLAIM,
                        "a claim name"),
                values.matching(Key.PRIMARY_MODEL, MODEL_ID, "", "a Bedrock model or inference-profile id"),
                values.matching(Key.FAST_MODEL, MODEL_ID, "", "a Bedrock model or inference-profile id"),
                values.get(Key.PORTAL_CLIENT_ID, null),
                values.matching(Key.SUBJECT_CLAIM, CLAIM, ClientSettings.DEFAULT_SUBJECT_CLAIM, "a claim name"));

        List<String> origins = values.list(Key.ALLOWED_ORIGINS, List.of());
        origins.forEach(o -> requireOrigin(values, o));
        var throttling = new Throttling(
                values.positiveNumber(Key.THROTTLING_RATE_LIMIT, DEFAULT_THROTTLING.rateLimit()),
                (int) values.positiveInteger(Key.THROTTLING_BURST_LIMIT, DEFAULT_THROTTLING.burstLimit()),
                values.positiveNumber(Key.THROTTLING_PUBLIC_RATE_LIMIT, Throttling.PUBLIC_RATE_LIMIT),
                (int) values.positiveInteger(Key.THROTTLING_PUBLIC_BURST_LIMIT, Throttling.PUBLIC_BURST_LIMIT),
                values.positiveNumber(Key.THROTTLING_ADMIN_RATE_LIMIT, Throttling.ADMIN_RATE_LIMIT),
                (int) values.positiveInteger(Key.THROTTLING_ADMIN_BURST_LIMIT, Throttling.ADMIN_BURST_LIMIT));
        int retentionDays = (int) values.positiveInteger(Key.LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS);
        RetentionDays retention = RETENTION.get(retentionDays);
        if (retention == null) {
            throw values.bad(Key.LOG_RETENTION_DAYS, "one of CloudWatch Logs' retention periods "
                    + RETENTION.keySet().stream().sorted().toList());
        }
        RemovalPolicy removalPolicy = switch (values.get(Key.REMOVAL_POLICY, "retain").toLowerCase(Locale.ROOT)) {
            case "retain" -> RemovalPolicy.RETAIN;
            case "destroy" -> RemovalPolicy.DESTROY;
            default -> throw values.bad(Key.REMOVAL_POLICY, "retain or destroy");
        };
        String logLevel = values.get(Key.LOG_LEVEL, "INFO").toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) throw values.bad(Key.LOG_LEVEL, "one of " + LOG_LEVELS);
        String iamUserPath = values.matching(Key.IAM_USER_PATH, IAM_USER_PATH, BrokerEnv.DEFAULT_IAM_USER_PATH,
                "an IAM path with at least one segment, such as " + BrokerEnv.DEFAULT_IAM_USER_PATH
                        + " (letters, digits and _+=,.@-; no wildcards)");
        if (iamUserPath.length() > MAX_IAM_PATH_LENGTH) {
            throw values.bad(Key.IAM_USER_PATH, "at most " + MAX_IAM_PATH_LENGTH + " characters long");
        }

        String usageLogGroup = values.matching(Key.USAGE_LOG_GROUP, LOG_GROUP, null,
                "a CloudWatch Logs group name such as /aws/bedrock/modelinvocations");

        long keyInactiveDays = values.positiveInteger(Key.KEY_INACTIVE_DAYS, BrokerEnv.DEFAULT_KEY_INACTIVE_DAYS);
        if (keyInactiveDays > BrokerEnv.MAX_KEY_INACTIVE_DAYS) {
            throw values.bad(Key.KEY_INACTIVE_DAYS, "a whole number of days from 1 to " + BrokerEnv.MAX_KEY_INACTIVE_DAYS);
        }

        boolean createInvocationLogging = switch (values.get(Key.CREATE_INVOCATION_LOGGING, "false")
                .toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw values.bad(Key.CREATE_INVOCATION_LOGGING, "true or false");
        };
        if (createInvocationLogging && usageLogGroup != null) {
            throw values.bad(Key.CREATE_INVOCATION_LOGGING, "false when usageLogGroup names an existing group (the "
                    + "stack either subscribes to your group or creates its own)");
        }

        String extraIssuers = extraIssuers(values, baseDirectory);

        Entitlements entitlements = Entitlements.load(
                baseDirectory.resolve(values.get(Key.ENTITLEMENTS_FILE, DEFAULT_ENTITLEMENTS_FILE)));
        Map<LambdaJar, Path> lambdaPackages = LambdaPackage.stageAll(
                baseDirectory.resolve(values.get(Key.LAMBDA_DIRECTORY, DEFAULT_LAMBDA_DIRECTORY)), entitlements,
                stagingDirectory);
        return new StackConfig(stackName, account, region, identity, client, entitlements, lambdaPackages, origins,
                throttling, retention, removalPolicy, logLevel, iamUserPath, usageLogGroup, (int) keyInactiveDays,
                createInvocationLogging, extraIssuers);
    }

    /**
     * The {@code issuersFile}'s issuers as compact JSON (checked by the broker's own reader, so a list the functions
     * would refuse fails {@code cdk synth}), or null when the key is unset.
     */
    private static String extraIssuers(Values values, Path baseDirectory) {
        String file = values.get(Key.ISSUERS_FILE, null);
        if (file == null) return null;
        String json;
        try {
            json = java.nio.file.Files.readString(baseDirectory.resolve(file));
        } catch (java.io.IOException e) {
            throw values.bad(Key.ISSUERS_FILE, "a readable JSON file (" + e.getMessage() + ")");
        }
        try {
            broker.lambda.core.identity.TrustedIssuers.parse(json);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).toString();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw values.bad(Key.ISSUERS_FILE, "a list of issuers as docs/deploy.md describes: " + e.getMessage());
        }
    }

    private static IdentityConfig identity(Values values) {
        String issuer = values.get(Key.ISSUER, null);
        if (issuer == null) {
            for (Key externalOnly : List.of(Key.CLIENT_ID, Key.AUDIENCE, Key.PORTAL_CLIENT_ID)) {
                if (values.get(externalOnly, null) != null) {
                    throw values.bad(externalOnly, "nothing unless issuer is set too (the Cognito user pool's "
                            + "clients are created by the stack)");
                }
            }
            String prefix = values.get(Key.COGNITO_DOMAIN_PREFIX, null);
            if (prefix != null && (!DOMAIN_PREFIX.matcher(prefix).matches()
                    || prefix.contains("aws") || prefix.contains("amazon") || prefix.contains("cognito"))) {
                throw values.bad(Key.COGNITO_DOMAIN_PREFIX, "1-63 lowercase letters, digits and hyphens, "
                        + "not containing aws, amazon or cognito");
            }
            boolean plus = switch (values.get(Key.COGNITO_FEATURE_PLAN, "essentials").toLowerCase(Locale.ROOT)) {
                case "essentials" -> false;
                case "plus" -> true;
                default -> throw values.bad(Key.COGNITO_FEATURE_PLAN, "essentials or plus");
            };
            List<String> callbacks = values.list(Key.PORTAL_CALLBACK_URLS, List.of());
            List<String> logouts = values.list(Key.PORTAL_LOGOUT_URLS, List.of());
            callbacks.forEach(u -> requireRedirectUrl(values, Key.PORTAL_CALLBACK_URLS, u));
            logouts.forEach(u -> requireRedirectUrl(values, Key.PORTAL_LOGOUT_URLS, u));
            if (callbacks.isEmpty() && !logouts.isEmpty()) {
                throw values.bad(Key.PORTAL_LOGOUT_URLS, "nothing unless portalCallbackUrls is set too");
            }
            return new IdentityConfig.CognitoPool(prefix, callbacks, logouts, plus);
        }
        for (Key cognitoOnly : List.of(Key.COGNITO_DOMAIN_PREFIX, Key.COGNITO_FEATURE_PLAN,
                Key.PORTAL_CALLBACK_URLS, Key.PORTAL_LOGOUT_URLS)) {
            if (values.get(cognitoOnly, null) != null) {
                throw values.bad(cognitoOnly, "nothing when issuer is set (it configures the Cognito user pool "
                        + "that an external issuer replaces)");
            }
        }
        URI uri = parse(issuer);
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw values.bad(Key.ISSUER, "an https URL without query or fragment, exactly as the tokens' iss claim");
        }
        String clientId = values.get(Key.CLIENT_ID, null);
        if (clientId == null) {
            throw values.bad(Key.CLIENT_ID, "the public client id that the CLI signs in with (required with issuer)");
        }
        // The onboarding page's ID tokens carry its own client id as aud: accept it unless audiences are explicit.
        String portalClientId = values.get(Key.PORTAL_CLIENT_ID, null);
        List<String> audiences = portalClientId == null || portalClientId.equals(clientId)
                ? List.of(clientId) : List.of(clientId, portalClientId);
        return new IdentityConfig.ExternalIssuer(issuer, clientId, values.list(Key.AUDIENCE, audiences));
    }

    private static List<Integer> ports(Values values) {
        List<String> raw = values.list(Key.REDIRECT_PORTS,
                BrokerEnv.DEFAULT_REDIRECT_PORTS.stream().map(String::valueOf).toList());
        try {
            List<Integer> ports = raw.stream().map(Integer::valueOf).toList();
            if (ports.isEmpty() || ports.stream().anyMatch(p -> p < 1024 || p > 65535)
                    || ports.stream().distinct().count() != ports.size()) {
                throw values.bad(Key.REDIRECT_PORTS, "distinct ports between 1024 and 65535");
            }
            return ports;
        } catch (NumberFormatException e) {
            throw values.bad(Key.REDIRECT_PORTS, "comma-separated port numbers");
        }
    }

    /** A CORS origin: scheme, host and optional port, no path; plain http only for loopback development. */
    private static void requireOrigin(Values values, String origin) {
        URI uri = parse(origin);
        boolean ok = uri != null && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null
                && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(uri)));
        if (!ok) {
            throw values.bad(Key.ALLOWED_ORIGINS, "origins such as https://portal.example.com (no path, no "
                    + "wildcard; http only for localhost), but got " + origin);
        }
    }

    private static void requireRedirectUrl(Values values, Key key, String url) {
        URI uri = parse(url);
        boolean ok = uri != null && uri.getHost() != null && uri.getFragment() == null
                && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(uri)));
        if (!ok) throw values.bad(key, "https URLs without fragment (http only for localhost), but got " + url);
    }

    private static boolean isLoopback(URI uri) {
        return Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
    }

    private static URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Context values with their keys, so every error names the key to fix. */
    private record Values(Map<String, String> context) {
        String get(Key key, String defaultValue) {
            String value = context.get(key.contextKey());
            return value == null || value.isBlank() ? defaultValue : value.trim();
        }

        String matching(Key key, Pattern pattern, String defaultValue, String expected) {
            String value = get(key, defaultValue);
            if (value != null && !pattern.matcher(value).matches()) throw bad(key, expected);
            return value;
        }

        List<String> list(Key key, List<String> defaultValue) {
            String value = get(key, null);
            if (value == null) return defaultValue;
            return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        }

        double positiveNumber(Key key, double defaultValue) {
            String value = get(key, null);
            if (value == null) return defaultValue;
            try {
                double number = Double.parseDouble(value);
                if (number > 0 && Double.isFinite(number)) return number;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(key, "a positive number");
        }

        long positiveInteger(Key key, long defaultValue) {
            String value = get(key, null);
            if (value == null) return defaultValue;
            try {
                long number = Long.parseLong(value);
                if (number > 0 && number <= Integer.MAX_VALUE) return number;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(key, "a positive whole number");
        }

        ConfigException bad(Key key, String expected) {
            String value = context.get(key.contextKey());
            return new ConfigException("context key " + key.contextKey() + " must be " + expected
                    + (value == null ? "" : " (it is \"" + value + "\")"));
        }
    }
}
