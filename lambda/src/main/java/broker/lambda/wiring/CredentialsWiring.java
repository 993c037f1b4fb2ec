package broker.lambda.wiring;

import broker.contract.BrokerEnv;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.BedrockInvocationLogging;
import broker.lambda.aws.BedrockModelCatalog;
import broker.lambda.aws.SigV4BearerTokenMinter;
import broker.lambda.aws.StsCredentialIssuer;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.catalog.DefaultRecommendation;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.catalog.RefreshingModelCatalog;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.invocationlogging.InvocationLoggingSetup;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.CredentialsService;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.StateStores;
import broker.lambda.http.Bodies;
import broker.lambda.http.CredentialsRoutes;
import broker.lambda.http.Json;
import broker.lambda.http.OpenApiDocument;
import broker.lambda.http.PortalAssets;
import broker.lambda.http.PublicRoutes;
import broker.lambda.http.Responses;
import broker.lambda.observability.CatalogLog;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.Timed;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The composition root of the credentials jar: the credentials and public functions' routes, with their SDK clients
 * (STS, the Bedrock control plane), built once per function instance. Every other class gets its collaborators
 * through its constructor. Names no handler and no IAM type (the keys jar's root is {@link KeysWiring}).
 */
public final class CredentialsWiring {
    private CredentialsWiring() {}

    /**
     * What the credentials function keeps for its lifetime.
     *
     * @param routes       its routes
     * @param afterRestore what SnapStart's {@code afterRestore} must run: the model catalog stops trusting its
     *                     snapshot and refreshes (nothing when the catalog is off)
     */
    public record CredentialsFunction(CredentialsRoutes routes, Runnable afterRestore) {}

    /**
     * The credentials function with its SDK clients ({@code awsCredentials} signs the broker's own STS calls); with
     * the catalog on, one Bedrock control-plane client per entitlements region, refreshed by a daemon thread, whose
     * first load starts now (at init, off the request path).
     */
    public static CredentialsFunction credentialsFunction(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        var table = StateWiring.tableState(config, awsCredentials);
        return credentialsFunction(config, awsCredentials, table.map(StateWiring.TableState::state).orElse(null),
                table.map(StateWiring.TableState::budgets).orElse(null));
    }

    /**
     * The credentials function recording each issuance in {@code state} (null: nothing recorded) and checking each
     * person's budget against {@code budgets} (null: no budgets checked): the state table in Lambda, the embedded
     * stores in the local broker.
     */
    public static CredentialsFunction credentialsFunction(BrokerConfig config, AwsCredentialsProvider awsCredentials,
                                                          StateStores state, BudgetStore budgets) {
        AuditLog audit = PowertoolsAuditLog.forService();
        // The regional endpoint, never the global one: it keeps working when us-east-1 does not, and its session
        // tokens are valid in every region.
        StsClient sts = AwsClients.client(StsClient.builder(),
                AwsClients.Connection.of(config.region(), config.stsEndpoint(), awsCredentials));
        CredentialsPorts ports = CredentialsPorts.of(Timed.sts(new StsCredentialIssuer(sts, config.roleArn()), audit),
                        audit, Clock.systemUTC())
                .withRecorder(state == null ? IssuanceRecorder.NONE : StateWiring.recorder(state.people()))
                .withBudgets(budgets == null ? BudgetGate.OFF : new BudgetGate(config.entitlements(), budgets, Clock.systemUTC()));
        if (!config.catalog().enabled()) {
            return new CredentialsFunction(credentialsRoutes(config, ports), () -> { });
        }
        RefreshingModelCatalog catalog = modelCatalog(config, awsCredentials, audit);
        return new CredentialsFunction(credentialsRoutes(config, ports.withCatalog(catalog)), catalog::afterRestore);
    }

    /**
     * What the credentials routes call: the STS port (the Lambda's, the priming stub's, a test's), the audit log and
     * clock, and the model catalog, issuance recorder and budget gate, each off unless given.
     */
    public record CredentialsPorts(CredentialIssuer issuer, AuditLog audit, Clock clock, ModelCatalog catalog,
                                   IssuanceRecorder recorder, BudgetGate budgets) {
        /** No model catalog, nothing recorded, no budgets. */
        public static CredentialsPorts of(CredentialIssuer issuer, AuditLog audit, Clock clock) {
            return new CredentialsPorts(issuer, audit, clock, ModelCatalog.NONE, IssuanceRecorder.NONE, BudgetGate.OFF);
        }

        public CredentialsPorts withCatalog(ModelCatalog other) {
            return new CredentialsPorts(issuer, audit, clock, other, recorder, budgets);
        }

        public CredentialsPorts withRecorder(IssuanceRecorder other) {
            return new CredentialsPorts(issuer, audit, clock, catalog, other, budgets);
        }

        public CredentialsPorts withBudgets(BudgetGate other) {
            return new CredentialsPorts(issuer, audit, clock, catalog, recorder, other);
        }
    }

    /** The credentials routes over {@code ports}: the one way to build them, in Lambda, priming, the bench and tests. */
    public static CredentialsRoutes credentialsRoutes(BrokerConfig config, CredentialsPorts ports) {
        ObjectMapper json = Json.mapper();
        CredentialsService service = new CredentialsService(config.entitlements(), ports.issuer(),
                new SigV4BearerTokenMinter(), BedrockAccount.fromRoleArn(config.roleArn()), config.region(), ports.clock(),
                ports.catalog(), modelPreferences(config), ports.recorder(), ports.budgets());
        return new CredentialsRoutes(new IdentityResolver(config.issuers()), service, ports.audit(),
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
                AwsClients.client(BedrockClient.builder(),
                        AwsClients.Connection.of(region, config.catalog().bedrockEndpoint(), awsCredentials))));
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread daemon = new Thread(task, "model-catalog");
            daemon.setDaemon(true);
            return daemon;
        });
        RefreshingModelCatalog catalog = new RefreshingModelCatalog(
                Timed.bedrock(new BedrockModelCatalog(clients), audit), regions, Clock.systemUTC(),
                config.catalog().timing(), thread, new CatalogLog(config.entitlements()));
        catalog.start((interval, task) ->
                thread.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        catalog.refreshInBackground();
        return catalog;
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
        RefreshingModelCatalog catalog = modelCatalog(config, awsCredentials, PowertoolsAuditLog.forService());
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
     * The invocation logging custom resource (in this jar: it holds the Bedrock control-plane model): Bedrock's
     * configuration in the function's own region ({@code BROKER_REGION}, else {@code AWS_REGION}), endpoint override
     * {@code BROKER_BEDROCK_ENDPOINT} for tests. It needs no entitlements, so it reads no {@link BrokerConfig}.
     */
    public static InvocationLoggingSetup invocationLoggingSetup(Map<String, String> env,
                                                                AwsCredentialsProvider awsCredentials) {
        String region = env.getOrDefault(BrokerEnv.REGION, env.get("AWS_REGION"));
        if (region == null || region.isBlank()) throw new IllegalStateException(BrokerEnv.REGION + " is not set");
        String endpoint = env.get(BrokerEnv.BEDROCK_ENDPOINT);
        return new InvocationLoggingSetup(new BedrockInvocationLogging(AwsClients.client(BedrockClient.builder(),
                AwsClients.Connection.of(region, endpoint == null || endpoint.isBlank() ? null : java.net.URI.create(endpoint),
                        awsCredentials))));
    }
}
