package broker.lambda.wiring;

import broker.contract.Telemetry;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.BedrockModelCatalog;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.aws.SigV4BearerTokenMinter;
import broker.lambda.aws.StsCredentialIssuer;
import broker.lambda.core.admin.AdminService;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.DefaultRecommendation;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.catalog.RefreshingModelCatalog;
import broker.lambda.core.catalog.RegionCatalog;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.CredentialsService;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.handler.AdminHandler;
import broker.lambda.handler.ApiKeysHandler;
import broker.lambda.handler.CredentialsHandler;
import broker.lambda.handler.PublicHandler;
import broker.lambda.http.AdminRoutes;
import broker.lambda.http.ApiKeysRoutes;
import broker.lambda.http.Bodies;
import broker.lambda.http.CredentialsRoutes;
import broker.lambda.http.Json;
import broker.lambda.http.OpenApiDocument;
import broker.lambda.http.PortalAssets;
import broker.lambda.http.PublicRoutes;
import broker.lambda.http.Responses;
import broker.lambda.observability.CatalogLog;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.TimedCatalogSource;
import broker.lambda.observability.TimedCredentialIssuer;
import broker.lambda.observability.TimedIamUsers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * The composition root: builds each function's routes, with their SDK clients, once per function
 * instance. Every other class gets its collaborators through its constructor.
 */
public final class Wiring {
    private Wiring() {}

    /** The credentials function; {@code awsCredentials} signs the broker's own STS calls. */
    public static CredentialsHandler credentialsHandler(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return new CredentialsHandler(credentialsRoutes(config, awsCredentials));
    }

    /** The public function; {@code awsCredentials} signs its model-catalog reads. */
    public static PublicHandler publicHandler(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return new PublicHandler(publicFunction(config, awsCredentials).routes());
    }

    public static CredentialsRoutes credentialsRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return credentialsFunction(config, awsCredentials).routes();
    }

    /**
     * What the credentials function keeps for its lifetime.
     *
     * @param routes       its routes
     * @param afterRestore what SnapStart's {@code afterRestore} must run: the model catalog stops trusting its
     *                     snapshot and refreshes (nothing when the catalog is off)
     */
    public record CredentialsFunction(CredentialsRoutes routes, Runnable afterRestore) {}

    /**
     * The credentials function with its SDK clients; with the catalog on, one Bedrock control-plane client per
     * entitlements region, refreshed by a daemon thread, whose first load starts now (at init, off the request path).
     */
    public static CredentialsFunction credentialsFunction(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        AuditLog audit = auditLog();
        StsClient sts = AwsClients.sts(config.region(), config.stsEndpoint(), awsCredentials);
        CredentialIssuer issuer = new TimedCredentialIssuer(new StsCredentialIssuer(sts, config.roleArn()), audit);
        if (!config.catalog().enabled()) {
            return new CredentialsFunction(credentialsRoutes(config, issuer, audit, Clock.systemUTC()), () -> { });
        }
        RefreshingModelCatalog catalog = modelCatalog(config, awsCredentials, audit);
        return new CredentialsFunction(credentialsRoutes(config, issuer, audit, Clock.systemUTC(), catalog),
                catalog::afterRestore);
    }

    /** The credentials routes over any STS port: the Lambda's, the priming stub's, a test's. */
    public static CredentialsRoutes credentialsRoutes(BrokerConfig config, CredentialIssuer issuer, AuditLog audit, Clock clock) {
        return credentialsRoutes(config, issuer, audit, clock, ModelCatalog.NONE);
    }

    /** The credentials routes over any STS port and any model catalog. */
    public static CredentialsRoutes credentialsRoutes(BrokerConfig config, CredentialIssuer issuer, AuditLog audit,
                                                      Clock clock, ModelCatalog catalog) {
        ObjectMapper json = Json.mapper();
        CredentialsService service = new CredentialsService(config.entitlements(), issuer, new SigV4BearerTokenMinter(),
                BedrockAccount.fromRoleArn(config.roleArn()), config.region(), clock, catalog, modelPreferences(config));
        return new CredentialsRoutes(new IdentityResolver(config.identityClaims()), service, audit,
                new Bodies(json), new Responses(json));
    }

    /** The preference orders of both recommendations: the exact ids of the configuration first, then the families. */
    private static ModelPreferences modelPreferences(BrokerConfig config) {
        return config.catalog().preferences().first(config.clientConfig().primaryModel(), config.clientConfig().fastModel());
    }

    private static RefreshingModelCatalog modelCatalog(BrokerConfig config, AwsCredentialsProvider awsCredentials,
                                                       AuditLog audit) {
        List<String> regions = config.entitlements().allRegions();
        Map<String, BedrockClient> clients = new LinkedHashMap<>();
        regions.forEach(region -> clients.put(region,
                AwsClients.bedrock(region, config.catalog().bedrockEndpoint(), awsCredentials)));
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread daemon = new Thread(task, "model-catalog");
            daemon.setDaemon(true);
            return daemon;
        });
        RefreshingModelCatalog catalog = new RefreshingModelCatalog(
                new TimedCatalogSource(new BedrockModelCatalog(clients), audit), regions, Clock.systemUTC(),
                config.catalog().timing(), thread, new CatalogLog(config.entitlements()));
        catalog.start((interval, task) ->
                thread.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        catalog.refreshInBackground();
        return catalog;
    }

    /** The API-keys function's routes; {@code awsCredentials} signs the broker's own IAM calls. */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        AuditLog audit = auditLog();
        IamClient iam = AwsClients.iam(config.region(), config.iamEndpoint(), awsCredentials);
        return apiKeysRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), audit, Clock.systemUTC());
    }

    /** The API-keys routes over any IAM port: the Lambda's, the priming stub's, a test's. */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, IamUsers iam, AuditLog audit, Clock clock) {
        ObjectMapper json = Json.mapper();
        return new ApiKeysRoutes(new IdentityResolver(config.identityClaims()), apiKeysService(config, iam, clock), audit,
                new Bodies(json), new Responses(json));
    }

    /** The admin function's routes; {@code awsCredentials} signs the broker's own IAM calls. */
    public static AdminRoutes adminRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        AuditLog audit = auditLog();
        IamClient iam = AwsClients.iam(config.region(), config.iamEndpoint(), awsCredentials);
        RoleInlinePolicy revocations = new IamRolePolicy(iam, IamRolePolicy.roleName(config.roleArn()), SessionRevoker.POLICY_NAME);
        return adminRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), revocations, audit, Clock.systemUTC());
    }

    /** The admin routes over any IAM ports. */
    public static AdminRoutes adminRoutes(BrokerConfig config, IamUsers iam, RoleInlinePolicy revocations, AuditLog audit,
                                          Clock clock) {
        AdminService admin = new AdminService(config.entitlements(), apiKeysService(config, iam, clock),
                new SessionRevoker(revocations, clock));
        return new AdminRoutes(new IdentityResolver(config.identityClaims()), admin, audit, new Responses(Json.mapper()));
    }

    private static ApiKeysService apiKeysService(BrokerConfig config, IamUsers iam, Clock clock) {
        return new ApiKeysService(config.entitlements(), iam, BedrockAccount.fromRoleArn(config.roleArn()),
                config.iamUserPath(), config.requirePermissionsBoundaryArn(), clock);
    }

    /**
     * What the public function keeps for its lifetime.
     *
     * @param routes       its routes
     * @param afterRestore what SnapStart's {@code afterRestore} must run: the model catalog stops trusting its
     *                     snapshot and refreshes (nothing when the catalog is off)
     */
    public record PublicFunction(PublicRoutes routes, Runnable afterRestore) {}

    /**
     * The public function; with the catalog on, it reads the model catalog as the credentials function does (its own
     * clients and refresh thread), so that the client-config recommends models that the default profile may use.
     */
    public static PublicFunction publicFunction(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        if (!config.catalog().enabled()) return new PublicFunction(publicRoutes(config, ModelCatalog.NONE), () -> { });
        RefreshingModelCatalog catalog = modelCatalog(config, awsCredentials, auditLog());
        return new PublicFunction(publicRoutes(config, catalog), catalog::afterRestore);
    }

    /** The public routes without a model catalog: the recommendation comes from the default profile's exact ids. */
    public static PublicRoutes publicRoutes(BrokerConfig config) {
        return publicRoutes(config, ModelCatalog.NONE);
    }

    /** The public routes over any model catalog; the recommended models are worked out on each request. */
    public static PublicRoutes publicRoutes(BrokerConfig config, ModelCatalog catalog) {
        BrokerConfig.ClientConfig client = config.clientConfig();
        var view = new PublicRoutes.ClientConfigView(client.issuer(), client.clientId(), client.scopes(),
                client.redirectPorts(), config.region(), new PublicRoutes.ClientConfigView.Models("", ""),
                client.portalClientId());
        var recommendation = new DefaultRecommendation(config.entitlements(), catalog, modelPreferences(config));
        ObjectMapper json = Json.mapper();
        return new PublicRoutes(view, () -> {
            DefaultRecommendation.Recommended now = recommendation.current();
            return new PublicRoutes.ClientConfigView.Models(now.primary(), now.fast());
        }, OpenApiDocument.render(json, client.issuer()), PortalAssets.load(client.issuer()), new Responses(json));
    }

    /**
     * SnapStart priming of the public function: the Bedrock SDK (when the catalog is on) and its routes, the
     * client-config's recommendation worked out over the {@link #primingCatalog priming catalog}.
     *
     * @return the status code of each primed route (client-config, OpenAPI document, portal page), in order (all 200)
     */
    public static List<Integer> primePublic(BrokerConfig config) {
        ModelCatalog catalog = ModelCatalog.NONE;
        if (config.catalog().enabled()) {
            SdkWarmUp.warmUp(BedrockClient.class);
            CatalogSnapshot primed = primingCatalog(config);
            catalog = () -> Optional.of(primed);
        }
        PublicRoutes routes = publicRoutes(config, catalog);
        return List.of(PublicRoutes.CLIENT_CONFIG, PublicRoutes.OPENAPI, PublicRoutes.PORTAL).stream()
                .map(routeKey -> routes.handle(primingEvent(routeKey, Map.of())).getStatusCode())
                .toList();
    }

    /**
     * SnapStart priming, run in {@code beforeCheckpoint}: one request per credentials route through a
     * {@link CredentialsHandler} with a Lambda context (Powertools' context logging), whose routes run the real
     * {@link StsCredentialIssuer} on an STS client that answers {@code AssumeRole} in-process (the SDK's signing,
     * marshalling and XML parsing) and the real Powertools audit log and metrics, so that a restored snapshot loads
     * no class on the first request but those of the network path. Nothing priming does can be mistaken for an
     * issuance: its log lines are marked as priming and are not audit lines, and its metrics are dropped
     * ({@link PowertoolsAuditLog#forPriming()}).
     *
     * @return the status code of each primed route ({@code /v1/me}, credentials, bearer token, models), in order (all
     *         200 when the document grants its groups anything)
     */
    public static List<Integer> prime(BrokerConfig config) {
        SdkWarmUp.warmUp(StsClient.class);
        ModelCatalog catalog = ModelCatalog.NONE;
        if (config.catalog().enabled()) {
            SdkWarmUp.warmUp(BedrockClient.class);
            CatalogSnapshot primed = primingCatalog(config);
            catalog = () -> Optional.of(primed);
        }
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        try (StsClient sts = AwsClients.sts(config.region(), PRIMING_CREDENTIALS,
                new PrimingHttpClient(PrimingAnswers.sts(clock)))) {
            CredentialIssuer issuer = new TimedCredentialIssuer(new StsCredentialIssuer(sts, config.roleArn()), audit);
            CredentialsHandler handler = new CredentialsHandler(credentialsRoutes(config, issuer, audit, clock, catalog));
            PrimingContext context = PrimingContext.fromEnvironment(System.getenv());
            Map<String, String> claims = primingClaims(config, config.entitlements().groupNames());
            return List.of(CredentialsRoutes.ME, CredentialsRoutes.CREDENTIALS, CredentialsRoutes.BEARER_TOKENS,
                            CredentialsRoutes.MODELS).stream()
                    .map(routeKey -> handler.handleRequest(primingEvent(routeKey, claims), context).getStatusCode())
                    .toList();
        }
    }

    /** Signs priming's in-process SDK calls: session credentials, as the function's own role has. */
    private static final AwsCredentialsProvider PRIMING_CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIAPRIMINGPRIMING00", "priming-secret", "priming-session-token"));

    /**
     * A catalog for priming only, so that the catalog's path through issuance is loaded too: every exact inference
     * profile of the document routing to its model in each of the document's regions. Never used for a real request.
     */
    private static CatalogSnapshot primingCatalog(BrokerConfig config) {
        List<String> regions = config.entitlements().allRegions();
        Map<String, RegionCatalog> offered = new LinkedHashMap<>();
        for (String region : regions) {
            List<InferenceProfileEntry> profiles = config.entitlements().allModels().stream()
                    .map(ModelId::parse).flatMap(Optional::stream)
                    .filter(id -> id instanceof ModelId.InferenceProfile)
                    .map(id -> new InferenceProfileEntry(id.value(), "priming", id.value(), true, true,
                            List.of("arn:" + BedrockAccount.fromRoleArn(config.roleArn()).partition() + ":bedrock:"
                                    + region + "::foundation-model/" + id.foundationModelId())))
                    .toList();
            offered.put(region, new RegionCatalog(List.of(), profiles));
        }
        return new CatalogSnapshot(offered, Clock.systemUTC().instant());
    }

    /**
     * SnapStart priming of the API-keys function: every route through an {@link ApiKeysHandler} with a Lambda
     * context, on the real IAM adapter whose SDK client answers in-process ({@link PrimingAnswers#iam}), audited by
     * the priming audit log (see {@link #prime}).
     *
     * @return the status code of each primed route, in order (201, 200, 404 when a group allows long-term keys)
     */
    public static List<Integer> primeApiKeys(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        try (IamClient iam = primingIam(config, clock)) {
            var handler = new ApiKeysHandler(apiKeysRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), audit, clock));
            PrimingContext context = PrimingContext.fromEnvironment(System.getenv());
            Map<String, String> claims = primingClaims(config, config.entitlements().groupNames());
            return List.of(
                    handler.handleRequest(primingEvent(ApiKeysRoutes.CREATE, claims), context).getStatusCode(),
                    handler.handleRequest(primingEvent(ApiKeysRoutes.LIST, claims), context).getStatusCode(),
                    handler.handleRequest(primingEvent(ApiKeysRoutes.DELETE, claims,
                            Map.of("id", PrimingAnswers.API_KEY_ID)), context).getStatusCode());
        }
    }

    /**
     * SnapStart priming of the admin function, signed in as a member of every admin group, as {@link #primeApiKeys}.
     *
     * @return the status code of each primed route, in order (200, 404, 200 when the document names an admin group)
     */
    public static List<Integer> primeAdmin(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        try (IamClient iam = primingIam(config, clock)) {
            RoleInlinePolicy revocations = new IamRolePolicy(iam, IamRolePolicy.roleName(config.roleArn()),
                    SessionRevoker.POLICY_NAME);
            var handler = new AdminHandler(adminRoutes(config, new TimedIamUsers(new IamApiKeys(iam), audit), revocations,
                    audit, clock));
            PrimingContext context = PrimingContext.fromEnvironment(System.getenv());
            Map<String, String> claims = primingClaims(config, config.entitlements().adminGroupNames());
            Map<String, String> user = Map.of("user", "snapstart-priming-user", "id", PrimingAnswers.API_KEY_ID);
            return List.of(
                    handler.handleRequest(primingEvent(AdminRoutes.LIST_KEYS, claims, user), context).getStatusCode(),
                    handler.handleRequest(primingEvent(AdminRoutes.DELETE_KEY, claims, user), context).getStatusCode(),
                    handler.handleRequest(primingEvent(AdminRoutes.REVOKE_SESSIONS, claims, user), context).getStatusCode());
        }
    }

    private static IamClient primingIam(BrokerConfig config, Clock clock) {
        return AwsClients.iam(config.region(), PRIMING_CREDENTIALS, new PrimingHttpClient(PrimingAnswers.iam(clock)));
    }

    private static Map<String, String> primingClaims(BrokerConfig config, List<String> groups) {
        return Map.of("sub", "snapstart-priming", "email", "priming@example.invalid",
                config.identityClaims().groupsClaim(), "[" + String.join(" ", groups) + "]");
    }

    private static APIGatewayV2HTTPEvent primingEvent(String routeKey, Map<String, String> claims, Map<String, String> path) {
        APIGatewayV2HTTPEvent event = primingEvent(routeKey, claims);
        event.setPathParameters(path);
        return event;
    }

    private static APIGatewayV2HTTPEvent primingEvent(String routeKey, Map<String, String> claims) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(List.of()).build();
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(routeKey.split(" ")[0])
                .withPath(routeKey.split(" ")[1]).withSourceIp("127.0.0.1").withUserAgent("snapstart-priming").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("snapstart-priming")
                .withHttp(http).withAuthorizer(authorizer).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(routeKey.split(" ")[1])
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").withRequestContext(context).build();
    }

    private static AuditLog auditLog() {
        return new PowertoolsAuditLog(MetricsBuilder.builder().withNamespace(Telemetry.METRICS_NAMESPACE)
                .withService(Telemetry.SERVICE_NAME).build(), Telemetry.METRICS_NAMESPACE);
    }
}
