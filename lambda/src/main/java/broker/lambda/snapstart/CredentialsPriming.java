package broker.lambda.snapstart;

import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.authorizer.Authorizer;
import broker.lambda.authorizer.IssuersAuthorizer;
import broker.lambda.authorizer.JwtAuthorizer;
import broker.lambda.authorizer.LambdaAuthorization;
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
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.sts.StsClient;

/** SnapStart priming of the credentials jar's functions: credentials, public and the Lambda authorizer. */
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

    /** The issuer of priming's tokens: a reserved name ({@code .invalid}) that no configured issuer can be. */
    static final String PRIMING_ISSUER = "https://snapstart-priming.invalid";
    private static final String PRIMING_AUDIENCE = "snapstart-priming";

    /**
     * The Lambda authorizer: {@code function}, the function's own decision over a given authorizer, verifies two
     * tokens of a priming issuer signed with a key made here (RS256, as most issuers sign), through the real
     * {@link IssuersAuthorizer} and {@link JwtAuthorizer}: OIDC discovery, the JWKS, nimbus' verification and the
     * claims' checks, whose discovery document and JWKS are answered in-process; nothing leaves the process. The first
     * token is accepted (200), the second names another audience and is refused (401). The priming authorizer, its
     * keys and the key are dropped afterwards: the function's own authorizer never sees the priming issuer or its key,
     * so nothing primed can accept a token after restore.
     *
     * @param function the function's handling of an authorizer event over a given authorizer
     */
    public static PrimingPlan authorizer(Function<Authorizer, Function<Map<String, Object>, Map<String, Object>>> function) {
        try {
            return authorizer(function, new RSAKeyGenerator(2048).keyID(PRIMING_AUDIENCE).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("no RSA key for SnapStart priming", e);
        }
    }

    /** The same, signing with {@code key} (tests: a token of this key must be refused once priming is done). */
    public static PrimingPlan authorizer(Function<Authorizer, Function<Map<String, Object>, Map<String, Object>>> function,
                                         RSAKey key) {
        Clock clock = Clock.systemUTC();
        String jwksUri = PRIMING_ISSUER + "/jwks";
        Map<String, String> documents = Map.of(
                PRIMING_ISSUER + "/.well-known/openid-configuration",
                "{\"issuer\":\"" + PRIMING_ISSUER + "\",\"jwks_uri\":\"" + jwksUri + "\"}",
                jwksUri, new JWKSet(key.toPublicJWK()).toString(true));
        ResourceRetriever inProcess = url -> {
            String body = documents.get(url.toString());
            if (body == null) throw new java.io.IOException("not primed: " + url);
            return new Resource(body, "application/json");
        };
        JwtAuthorizer jwt = new JwtAuthorizer(PRIMING_ISSUER, List.of(PRIMING_AUDIENCE), clock, inProcess,
                JwtAuthorizer.DISCOVERY_RETRY);
        Function<Map<String, Object>, Map<String, Object>> decide =
                function.apply(new IssuersAuthorizer(Map.of(PRIMING_ISSUER, jwt)));
        List<Map<String, Object>> events = List.of(
                authorizerEvent(primingToken(key, PRIMING_AUDIENCE, clock)),
                authorizerEvent(primingToken(key, "not-" + PRIMING_AUDIENCE, clock)));
        return new PrimingPlan(events.stream().<IntSupplier>map(event -> () ->
                Boolean.TRUE.equals(decide.apply(event).get(LambdaAuthorization.IS_AUTHORIZED)) ? 200 : 401).toList(),
                jwt::close);
    }

    private static String primingToken(RSAKey key, String audience, Clock clock) {
        Instant now = clock.instant();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(PRIMING_ISSUER).audience(audience)
                            .subject("snapstart-priming-user").claim("groups", List.of("snapstart-priming"))
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
            token.sign(new RSASSASigner(key));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("SnapStart priming could not sign its token", e);
        }
    }

    /** An HTTP API Lambda authorizer event (REQUEST, payload format 2.0) carrying {@code token}. */
    private static Map<String, Object> authorizerEvent(String token) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeKey", "GET /v1/me");
        event.put("identitySource", List.of("Bearer " + token));
        event.put("headers", Map.of("authorization", "Bearer " + token, "user-agent", "snapstart-priming"));
        return event;
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
