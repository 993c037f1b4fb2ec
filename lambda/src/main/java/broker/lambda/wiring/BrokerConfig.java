package broker.lambda.wiring;

import static broker.contract.BrokerEnv.*;

import broker.lambda.core.Require;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.catalog.RefreshingModelCatalog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.policy.EntitlementsCheck;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.PrincipalKind;
import broker.lambda.core.identity.TrustedIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of a broker function, parsed once at init so that bad configuration fails the init,
 * never a request. In Lambda it comes from the environment that {@code infra} sets; the local broker
 * builds it from flags. The variables' names and defaults are in {@link broker.contract.BrokerEnv}.
 *
 * @param roleArn        the Bedrock user role that {@code AssumeRole} targets
 * @param region         the broker's own region: STS and IAM calls, and the default region for issuance
 * @param entitlements   the validated entitlements document
 * @param identityClaims which claims carry user name and groups
 * @param clientConfig   what {@code GET /v1/client-config} publishes
 * @param stsEndpoint    STS endpoint override (local broker, tests), or null for the regional endpoint
 * @param iamEndpoint    IAM endpoint override (local broker, tests), or null for the global endpoint
 * @param iamUserPath    the IAM path of the users that hold long-term API keys ({@code /…/}); the API-keys and
 *                       admin functions' roles may touch users under it only
 * @param permissionsBoundaryArn the managed policy every such user gets as its permissions boundary; required by
 *                       the API-keys and admin functions, null elsewhere
 * @param catalog        whether and how the credentials and public functions read Bedrock's model catalog
 * @param issuers        every issuer whose tokens the routes accept; the first is the people issuer that
 *                       {@code clientConfig} publishes
 * @param state          where the Lambda functions keep the broker's state (the local broker keeps it on disk)
 */
public record BrokerConfig(String roleArn, String region, EntitlementsDocument entitlements,
                           IdentityClaims identityClaims, ClientConfig clientConfig,
                           URI stsEndpoint, URI iamEndpoint, String iamUserPath, String permissionsBoundaryArn,
                           CatalogSettings catalog, List<TrustedIssuer> issuers, StateSettings state) {

    // IAM's path pattern: "/" or "/" + printable ASCII + "/", at most 512 characters.
    private static final Pattern IAM_PATH = Pattern.compile("/|/[\\x21-\\x7E]{1,510}/");
    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:[a-z-]+:iam::\\d{12}:policy/[\\w+=,.@/-]{1,1024}");

    public BrokerConfig {
        Require.nonNull("roleArn region entitlements identityClaims clientConfig iamUserPath catalog state",
                roleArn, region, entitlements, identityClaims, clientConfig, iamUserPath, catalog, state);
        if (!IAM_PATH.matcher(iamUserPath).matches() || iamUserPath.contains("//")) {
            throw new IllegalStateException(IAM_USER_PATH + " must be an IAM path such as " + DEFAULT_IAM_USER_PATH + ": " + iamUserPath);
        }
        if (permissionsBoundaryArn != null && !POLICY_ARN.matcher(permissionsBoundaryArn).matches()) {
            throw new IllegalStateException(PERMISSIONS_BOUNDARY_ARN + " must be a managed policy ARN: " + permissionsBoundaryArn);
        }
        issuers = List.copyOf(issuers);
        if (issuers.isEmpty()) throw new IllegalStateException("at least one issuer is required");
        if (issuers.stream().filter(TrustedIssuer::legacySubjectKeys).count() > 1) {
            // Legacy users are owned by subject alone: two such issuers could claim each other's users.
            throw new IllegalStateException("at most one issuer may keep legacy subject keys");
        }
    }

    /**
     * Without a state table: the people issuer of {@code clientConfig} alone, which accepts its client ids (CLI and
     * portal) as audiences and is keyed with the legacy migration on (see {@link TrustedIssuer#legacySubjectKeys()}).
     */
    public BrokerConfig(String roleArn, String region, EntitlementsDocument entitlements, IdentityClaims identityClaims,
                        ClientConfig clientConfig, URI stsEndpoint, URI iamEndpoint, String iamUserPath,
                        String permissionsBoundaryArn, CatalogSettings catalog) {
        this(roleArn, region, entitlements, identityClaims, clientConfig, stsEndpoint, iamEndpoint, iamUserPath,
                permissionsBoundaryArn, catalog, List.of(peopleIssuer(clientConfig, identityClaims, List.of())),
                StateSettings.NONE);
    }

    /** The people issuer published in {@code clientConfig}; {@code audiences} empty: its client ids. */
    public static TrustedIssuer peopleIssuer(ClientConfig clientConfig, IdentityClaims claims, List<String> audiences) {
        List<String> clientIds = clientConfig.portalClientId() == null ? List.of(clientConfig.clientId())
                : List.of(clientConfig.clientId(), clientConfig.portalClientId());
        return new TrustedIssuer(clientConfig.issuer(), PrincipalKind.PERSON, audiences.isEmpty() ? clientIds : audiences,
                clientIds, claims, true);
    }

    /** The issuers marked {@code legacySubjectKeys}. */
    public java.util.Set<String> legacyIssuers() {
        return issuers.stream().filter(TrustedIssuer::legacySubjectKeys).map(TrustedIssuer::issuer)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The broker's state table.
     *
     * @param table            the DynamoDB table's name, or null when unset
     * @param dynamoDbEndpoint DynamoDB endpoint override (tests), or null for the regional endpoint
     */
    public record StateSettings(String table, URI dynamoDbEndpoint) {
        /** No table. */
        public static final StateSettings NONE = new StateSettings(null, null);

        /** The table's name, if set. */
        public Optional<String> tableName() {
            return Optional.ofNullable(table);
        }
    }

    /** Without the model catalog (every session policy static). */
    public BrokerConfig(String roleArn, String region, EntitlementsDocument entitlements, IdentityClaims identityClaims,
                        ClientConfig clientConfig, URI stsEndpoint, URI iamEndpoint, String iamUserPath,
                        String permissionsBoundaryArn) {
        this(roleArn, region, entitlements, identityClaims, clientConfig, stsEndpoint, iamEndpoint, iamUserPath,
                permissionsBoundaryArn, CatalogSettings.OFF);
    }

    /** The settings of the functions that issue no long-term keys: default user path, no boundary. */
    public BrokerConfig(String roleArn, String region, EntitlementsDocument entitlements, IdentityClaims identityClaims,
                        ClientConfig clientConfig, URI stsEndpoint, URI iamEndpoint) {
        this(roleArn, region, entitlements, identityClaims, clientConfig, stsEndpoint, iamEndpoint, DEFAULT_IAM_USER_PATH, null);
    }

    /** The same settings with these model-catalog settings. */
    public BrokerConfig withCatalog(CatalogSettings settings) {
        return new BrokerConfig(roleArn, region, entitlements, identityClaims, clientConfig, stsEndpoint, iamEndpoint,
                iamUserPath, permissionsBoundaryArn, settings, issuers, state);
    }

    /** The same settings with this state table. */
    public BrokerConfig withState(StateSettings settings) {
        return new BrokerConfig(roleArn, region, entitlements, identityClaims, clientConfig, stsEndpoint, iamEndpoint,
                iamUserPath, permissionsBoundaryArn, catalog, issuers, settings);
    }

    /**
     * Whether and how the credentials and public functions read Bedrock's model catalog (see
     * {@code docs/model-catalog.md}).
     *
     * @param enabled         false: every session policy uses the static derivation, and no Bedrock call is made
     * @param bedrockEndpoint Bedrock control-plane endpoint override (local broker, tests), or null for each region's
     * @param timing          refresh interval, maximum age and how long a request may wait for a first load
     * @param preferences     which usable models {@code GET /v1/models} and {@code GET /v1/client-config} recommend
     *                        (after {@code BROKER_PRIMARY_MODEL} and {@code BROKER_FAST_MODEL})
     */
    public record CatalogSettings(boolean enabled, URI bedrockEndpoint, RefreshingModelCatalog.Timing timing,
                                  ModelPreferences preferences) {
        /** No catalog. */
        public static final CatalogSettings OFF = new CatalogSettings(false, null, RefreshingModelCatalog.Timing.DEFAULT,
                ModelPreferences.DEFAULT);
        /** Bedrock's regional endpoints, refreshed every 15 minutes. */
        public static final CatalogSettings ON = new CatalogSettings(true, null, RefreshingModelCatalog.Timing.DEFAULT,
                ModelPreferences.DEFAULT);

        public CatalogSettings {
            Require.nonNull("timing preferences", timing, preferences);
        }

        /** The default preferences. */
        public CatalogSettings(boolean enabled, URI bedrockEndpoint, RefreshingModelCatalog.Timing timing) {
            this(enabled, bedrockEndpoint, timing, ModelPreferences.DEFAULT);
        }
    }

    /** The permissions boundary, for the functions that cannot work without one. */
    public String requirePermissionsBoundaryArn() {
        if (permissionsBoundaryArn == null) {
            throw new IllegalStateException(PERMISSIONS_BOUNDARY_ARN + " must be set for the API-keys and admin functions");
        }
        return permissionsBoundaryArn;
    }

    public Optional<URI> stsEndpointOverride() {
        return Optional.ofNullable(stsEndpoint);
    }

    public Optional<URI> iamEndpointOverride() {
        return Optional.ofNullable(iamEndpoint);
    }

    /**
     * What the public bootstrap route tells clients.
     *
     * @param issuer        the OIDC issuer URL
     * @param clientId      the public (PKCE) client id for the CLI
     * @param scopes        scopes the CLI requests
     * @param redirectPorts loopback ports registered as redirect URIs, in order of preference
     * @param primaryModel  model id tried first for the recommended {@code ANTHROPIC_MODEL}; may be empty
     * @param fastModel     model id tried first for the recommended small/fast model; may be empty
     * @param portalClientId the public (PKCE) client id of the onboarding portal, or null when there is none
     */
    public record ClientConfig(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                               String primaryModel, String fastModel, String portalClientId) {
        public ClientConfig {
            Require.nonNull("issuer clientId primaryModel fastModel", issuer, clientId, primaryModel, fastModel);
            scopes = List.copyOf(scopes);
            redirectPorts = List.copyOf(redirectPorts);
            if (portalClientId != null && portalClientId.isBlank()) portalClientId = null;
        }

        /** Without a portal client. */
        public ClientConfig(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                            String primaryModel, String fastModel) {
            this(issuer, clientId, scopes, redirectPorts, primaryModel, fastModel, null);
        }
    }

    /** Reads the Lambda environment; throws {@link IllegalStateException} naming the bad variable. */
    public static BrokerConfig fromEnvironment(Map<String, String> env) {
        String region = firstNonBlank(env.get(REGION), env.get("AWS_REGION"));
        if (region == null) throw new IllegalStateException(REGION + " or AWS_REGION must be set");
        Path entitlementsFile = Path.of(firstNonBlank(env.get(ENTITLEMENTS_FILE),
                Path.of(Objects.requireNonNullElse(env.get("LAMBDA_TASK_ROOT"), "."), BUNDLED_ENTITLEMENTS).toString()));
        IdentityClaims claims = identityClaims(env);
        ClientConfig clientConfig = clientConfig(env);
        List<String> audiences = env.containsKey(AUDIENCES) ? commaList(env.get(AUDIENCES)) : List.of();
        return new BrokerConfig(
                required(env, ROLE_ARN),
                region,
                loadEntitlements(entitlementsFile),
                claims,
                clientConfig,
                uri(env, STS_ENDPOINT),
                uri(env, IAM_ENDPOINT),
                Objects.requireNonNullElse(firstNonBlank(env.get(IAM_USER_PATH)), DEFAULT_IAM_USER_PATH),
                firstNonBlank(env.get(PERMISSIONS_BOUNDARY_ARN)),
                new CatalogSettings(onOff(env, MODEL_CATALOG, true), uri(env, BEDROCK_ENDPOINT),
                        RefreshingModelCatalog.Timing.DEFAULT, new ModelPreferences(
                                models(env, PRIMARY_MODELS, ModelPreferences.DEFAULT.primary()),
                                models(env, FAST_MODELS, ModelPreferences.DEFAULT.fast()))),
                issuers(peopleIssuer(clientConfig, claims, audiences), firstNonBlank(env.get(ISSUERS))),
                new StateSettings(firstNonBlank(env.get(STATE_TABLE)), uri(env, DYNAMODB_ENDPOINT)));
    }

    /**
     * Every issuer the environment trusts, exactly as {@link #fromEnvironment} reads them: the people issuer
     * ({@code BROKER_ISSUER}, its client ids, {@code BROKER_AUDIENCES} and claims) first, then {@code BROKER_ISSUERS}.
     * The Lambda authorizer reads only these, so it trusts the very list the functions resolve callers with.
     */
    public static List<TrustedIssuer> trustedIssuers(Map<String, String> env) {
        List<String> audiences = env.containsKey(AUDIENCES) ? commaList(env.get(AUDIENCES)) : List.of();
        return issuers(peopleIssuer(clientConfig(env), identityClaims(env), audiences), firstNonBlank(env.get(ISSUERS)));
    }

    private static IdentityClaims identityClaims(Map<String, String> env) {
        return new IdentityClaims(
                Objects.requireNonNullElse(firstNonBlank(env.get(SUBJECT_CLAIM)), IdentityClaims.DEFAULT_SUBJECT_CLAIM),
                Objects.requireNonNullElse(firstNonBlank(env.get(USERNAME_CLAIM)), IdentityClaims.DEFAULTS.userNameClaim()),
                Objects.requireNonNullElse(firstNonBlank(env.get(GROUPS_CLAIM)), IdentityClaims.DEFAULTS.groupsClaim()));
    }

    private static ClientConfig clientConfig(Map<String, String> env) {
        return new ClientConfig(
                required(env, ISSUER),
                required(env, CLIENT_ID),
                env.containsKey(SCOPES) ? words(env.get(SCOPES)) : DEFAULT_SCOPES,
                env.containsKey(REDIRECT_PORTS) ? ports(env.get(REDIRECT_PORTS)) : DEFAULT_REDIRECT_PORTS,
                env.getOrDefault(PRIMARY_MODEL, ""),
                env.getOrDefault(FAST_MODEL, ""),
                firstNonBlank(env.get(PORTAL_CLIENT_ID)));
    }

    private static List<TrustedIssuer> issuers(TrustedIssuer people, String extraJson) {
        if (extraJson == null) return List.of(people);
        List<TrustedIssuer> all = new java.util.ArrayList<>(List.of(people));
        try {
            all.addAll(broker.lambda.core.identity.TrustedIssuers.parse(extraJson));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ISSUERS + " is invalid: " + e.getMessage(), e);
        }
        return all;
    }

    private static List<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Reads and validates an entitlements file; the exception message names the file and every problem. The size check
     * is skipped only for the exact content {@code infra} stamped after checking it at synth
     * ({@code <file>.checked}, see {@link EntitlementsCheck#parse(String, String)}).
     */
    public static EntitlementsDocument loadEntitlements(Path file) {
        String json;
        String stamp;
        try {
            json = Files.readString(file);
            Path stampFile = file.resolveSibling(file.getFileName() + broker.contract.BrokerEnv.ENTITLEMENTS_STAMP_SUFFIX);
            stamp = Files.isRegularFile(stampFile) ? Files.readString(stampFile) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entitlements file " + file + ": " + e.getMessage(), e);
        }
        try {
            return EntitlementsCheck.parse(json, stamp);
        } catch (InvalidEntitlementsException e) {
            throw new IllegalStateException("entitlements file " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = firstNonBlank(env.get(name));
        if (value == null) throw new IllegalStateException(name + " must be set");
        return value;
    }

    private static URI uri(Map<String, String> env, String name) {
        String value = firstNonBlank(env.get(name));
        if (value == null) return null;
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not a URL: " + value, e);
        }
    }

    private static List<String> models(Map<String, String> env, String name, List<String> fallback) {
        String value = firstNonBlank(env.get(name));
        if (value == null) return fallback;
        List<String> models = words(value);
        for (String model : models) {
            if (ModelId.parse(model).isEmpty()) {
                throw new IllegalStateException(name + " must list model ids or families such as"
                        + " anthropic.claude-sonnet-4-5*: " + model);
            }
        }
        return models;
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        String value = firstNonBlank(env.get(name));
        if (value == null) return fallback;
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalStateException(name + " must be on or off: " + value);
        };
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> ports(String value) {
        try {
            return words(value).stream().map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalStateException(REDIRECT_PORTS + " must be a comma-separated list of ports: " + value, e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
