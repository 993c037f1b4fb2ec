package broker.lambda.snapstart;

import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBudgetStore;
import broker.lambda.aws.StsCredentialIssuer;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.RegionCatalog;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.Timed;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.sts.StsClient;

/** SnapStart priming of the credentials jar's functions: credentials and public. */
public final class CredentialsPriming {
    private CredentialsPriming() {}

    /**
     * The credentials function: one request per route, whose routes run the real {@link StsCredentialIssuer} on an STS
     * client that answers {@code AssumeRole} in-process (the SDK's signing, marshalling and XML parsing) and the real
     * Powertools audit log and metrics. Nothing priming does can be mistaken for an issuance: its log lines are marked
     * as priming and are not audit lines, and its metrics are dropped ({@link PowertoolsAuditLog#forPriming()}).
     * Its answers are 200 when the document grants its groups anything.
     */
    public static PrimingPlan credentials(BrokerConfig config) {
        SdkWarmUp.warmUp(StsClient.class);
        ModelCatalog catalog = catalog(config);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        StsClient sts = AwsClients.client(StsClient.builder(), AwsClients.Connection.inProcess(config.region(),
                PrimingAnswers.CREDENTIALS,
                new PrimingHttpClient(PrimingAnswers.sts(clock))));
        CredentialIssuer issuer = Timed.sts(new StsCredentialIssuer(sts, config.roleArn()), audit);
        // The budget check's one BatchGetItem, on an empty in-process table (no spend: every answer stays 200).
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = AwsClients.client(
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), AwsClients.Connection.inProcess(
                        config.region(), PrimingAnswers.CREDENTIALS, new PrimingHttpClient(PrimingAnswers.dynamoDb())));
        BudgetGate budgets = new BudgetGate(config.entitlements(),
                new DynamoDbBudgetStore(dynamo, "snapstart-priming", clock), clock);
        return new PrimingPlan(CredentialsWiring.credentialsRoutes(config,
                CredentialsWiring.CredentialsPorts.of(issuer, audit, clock).withCatalog(catalog).withBudgets(budgets))::handle,
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.CREDENTIALS),
                        PrimingEvents.claims(config, config.entitlements().groupNames()), Map.of()), () -> {
                    sts.close();
                    dynamo.close();
                });
    }

    /**
     * The public function: the Bedrock SDK (when the catalog is on) and its routes (client-config, OpenAPI document,
     * portal page; all 200), the client-config's recommendation worked out over the priming catalog.
     */
    public static PrimingPlan publicFunction(BrokerConfig config) {
        return new PrimingPlan(CredentialsWiring.publicRoutes(config, catalog(config))::handle,
                PrimingEvents.of(List.of(ApiRoutes.CLIENT_CONFIG, ApiRoutes.OPENAPI, ApiRoutes.PORTAL), Map.of(), Map.of()),
                () -> { });
    }

    private static ModelCatalog catalog(BrokerConfig config) {
        if (!config.catalog().enabled()) return ModelCatalog.NONE;
        SdkWarmUp.warmUp(BedrockClient.class);
        CatalogSnapshot primed = primingCatalog(config);
        return () -> Optional.of(primed);
    }

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
}
