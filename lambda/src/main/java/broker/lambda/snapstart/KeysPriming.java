package broker.lambda.snapstart;

import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBrokerState;
import broker.lambda.aws.DynamoDbUsageLedger;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.core.apikeys.IamKeyOwners;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateStores;
import broker.lambda.core.usage.DirectorySessionOwners;
import broker.lambda.core.usage.OwnerIssuers;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsagePrincipals;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.Timed;
import broker.lambda.observability.UsageIngestionLog;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import broker.lambda.wiring.UsageWiring;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SnapStart priming of the keys jar's functions: every route on the real IAM or DynamoDB adapter, whose SDK client
 * answers in-process ({@link PrimingAnswers#iam}, {@link PrimingAnswers#dynamoDb}), audited by the priming audit log (see {@link CredentialsPriming#credentials}).
 */
public final class KeysPriming {
    private KeysPriming() {}

    /** The API-keys function; its answers are 201, 200, 404 when a group allows long-term keys. */
    public static PrimingPlan apiKeys(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        IamClient iam = iam(config, clock);
        return new PrimingPlan(
                KeysWiring.apiKeysRoutes(config, KeysWiring.ApiKeysPorts.of(Timed.iam(new IamApiKeys(iam), audit), audit, clock))::handle,
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.API_KEYS),
                        PrimingEvents.claims(config, config.entitlements().groupNames()),
                        Map.of("id", PrimingAnswers.API_KEY_ID)), iam);
    }

    /**
     * The admin function, signed in as a member of every admin group; its answers are 200, 404, 200, 200 when the
     * document names an admin group. The state is in memory (priming never touches the table) and knows the priming
     * person; the revocation policy's reads show what priming wrote, so that the read-back path runs too.
     */
    public static PrimingPlan admin(BrokerConfig config) {
        SdkWarmUp.warmUp(IamClient.class);
        Clock clock = Clock.systemUTC();
        AuditLog audit = PowertoolsAuditLog.forPriming();
        IamClient iam = iam(config, clock);
        StateStores state = StateStores.inMemory();
        state.people().recordIssuance(PersonRecord.of(Identity.person(
                new PrincipalId(config.issuers().getFirst().issuer(), PRIMING_USER), PRIMING_USER, "", List.of()),
                IssuanceKind.CREDENTIALS, clock.instant()));
        return new PrimingPlan(KeysWiring.adminRoutes(config, KeysWiring.AdminPorts.of(Timed.iam(new IamApiKeys(iam), audit),
                new RememberingRolePolicy(KeysWiring.sessionRevocations(config, iam)), audit, clock)
                .withState(state).withSleeper(wait -> { }))::handle,
                // The budget override is a rare admin write to DynamoDB alone (no IAM model to load): not primed.
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.ADMIN).stream()
                                .filter(route -> route != ApiRoutes.ADMIN_SET_BUDGET).toList(),
                        PrimingEvents.claims(config, config.entitlements().adminGroupNames()),
                        Map.of("user", PRIMING_USER, "id", PrimingAnswers.API_KEY_ID)), iam);
    }

    /**
     * The usage function, signed in as a member of every group and every admin group: {@code GET /v1/usage} and
     * {@code GET /v1/admin/usage} (200, 200 when the document names an admin group) over the real DynamoDB ledger,
     * whose client answers in-process from an empty table ({@link PrimingAnswers#dynamoDb}).
     */
    public static PrimingPlan usage(BrokerConfig config) {
        SdkWarmUp.warmUp(DynamoDbClient.class);
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(), AwsClients.Connection.inProcess(config.region(),
                PrimingAnswers.CREDENTIALS, new PrimingHttpClient(PrimingAnswers.dynamoDb())));
        List<String> groups = new java.util.ArrayList<>(config.entitlements().groupNames());
        config.entitlements().adminGroupNames().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
        return new PrimingPlan(UsageWiring.usageRoutes(config, new DynamoDbUsageLedger(dynamo, PRIMING_TABLE, clock),
                PowertoolsAuditLog.forPriming(), clock,
                new broker.lambda.aws.DynamoDbBudgetStore(dynamo, PRIMING_TABLE, clock))::handle,
                PrimingEvents.of(ApiRoutes.of(BrokerFunction.USAGE), PrimingEvents.claims(config, groups), Map.of()),
                dynamo);
    }

    /**
     * The usage ingestion function: one canned CloudWatch Logs subscription event (gzip and base64, as Lambda receives
     * it) of three synthetic invocation log records, a session of the user role, a key user and another principal,
     * through {@code function}, the function's own event handling over an ingestion built here as in Lambda
     * ({@link UsageWiring#usageIngestion}): the real DynamoDB ledger and session directory and the real IAM key owners,
     * whose clients answer in-process ({@link PrimingAnswers#dynamoDb}: no claim and no session is found, the
     * transaction succeeds and is forgotten; {@link PrimingAnswers#iam}: no such user), and the ingestion's log in its
     * priming form ({@link UsageIngestionLog#forPriming}). Its outcome is 200 when the function returns. Nothing
     * reaches AWS; the ingestion, its caches and its clients are dropped afterwards. The budget cut-off after a
     * charged batch is not primed (it would need IAM's and the budget table's answers too).
     *
     * @param env      the function's environment (the user role's name, the pricing override)
     * @param function the function's handling of a subscription event over a given ingestion
     */
    public static PrimingPlan usageIngest(BrokerConfig config, Map<String, String> env,
                                          Function<UsageIngestion, Function<Map<String, Object>, ?>> function) {
        SdkWarmUp.warmUp(DynamoDbClient.class);
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(), AwsClients.Connection.inProcess(config.region(),
                PrimingAnswers.CREDENTIALS, new PrimingHttpClient(PrimingAnswers.dynamoDb())));
        IamClient iam = iam(config, clock);
        UsageIngestion ingestion = UsageWiring.usageIngestion(config, env,
                new DynamoDbUsageLedger(dynamo, PRIMING_TABLE, clock),
                new DirectorySessionOwners(new DynamoDbBrokerState(dynamo, PRIMING_TABLE), OwnerIssuers.of(config.issuers())),
                new IamKeyOwners(new IamApiKeys(iam), config.iamUserPath(), OwnerIssuers.of(config.issuers())),
                UsageIngestionLog.forPriming(), clock);
        UsagePrincipals principals = UsageWiring.principals(config, env);
        BedrockAccount account = BedrockAccount.fromRoleArn(config.roleArn());
        String arn = "arn:" + account.partition() + ":";
        Instant at = clock.instant().minusSeconds(1);
        List<String> records = List.of(
                invocationRecord(at, config.region(), account.accountId(), arn + "sts::" + account.accountId()
                        + ":assumed-role/" + principals.userRoleName() + "/" + PRIMING_USER, 0),
                invocationRecord(at, config.region(), account.accountId(), arn + "iam::" + account.accountId()
                        + ":user" + principals.keyUserPath() + PRIMING_USER, 1),
                invocationRecord(at, config.region(), account.accountId(), arn + "iam::" + account.accountId() + ":root", 2));
        return PrimingPlan.ofEvents(function.apply(ingestion),
                List.of(PrimingEvents.logsSubscription("snapstart-priming", records, at.toEpochMilli())),
                () -> {
                    dynamo.close();
                    iam.close();
                });
    }

    /** A model invocation log record (metadata only, as Bedrock writes it) of a priming request. */
    private static String invocationRecord(Instant at, String region, String account, String identityArn, int n) {
        var record = PRIMING_JSON.createObjectNode().put("schemaType", "ModelInvocationLog").put("schemaVersion", "1.0")
                .put("timestamp", at.toString()).put("accountId", account).put("region", region)
                .put("requestId", "snapstart-priming-" + n).put("operation", "Converse")
                .put("modelId", PRIMING_MODEL);
        record.putObject("identity").put("arn", identityArn);
        record.putObject("input").put("inputTokenCount", 1000).put("cacheReadInputTokenCount", 10)
                .put("cacheWriteInputTokenCount", 10);
        record.putObject("output").put("outputTokenCount", 100);
        return record.toString();
    }

    private static final String PRIMING_MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final com.fasterxml.jackson.databind.ObjectMapper PRIMING_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String PRIMING_TABLE = "snapstart-priming";
    private static final String PRIMING_USER = "snapstart-priming-user";

    /**
     * The role policy over priming's IAM, whose canned GetRolePolicy knows no policy: reads show the last document
     * written, as IAM would once consistent.
     */
    private static final class RememberingRolePolicy implements RoleInlinePolicy {
        private final RoleInlinePolicy sdk;
        private String written;

        RememberingRolePolicy(RoleInlinePolicy sdk) {
            this.sdk = sdk;
        }

        @Override
        public IamResult<String> read() {
            IamResult<String> read = sdk.read();
            return written != null && read instanceof IamResult.NotFound<String> ? new IamResult.Done<>(written) : read;
        }

        @Override
        public IamResult<Void> write(String document) {
            IamResult<Void> result = sdk.write(document);
            if (result instanceof IamResult.Done<Void>) written = document;
            return result;
        }
    }

    private static IamClient iam(BrokerConfig config, Clock clock) {
        return AwsClients.client(IamClient.builder(), AwsClients.Connection.inProcess(config.region(),
                PrimingAnswers.CREDENTIALS,
                new PrimingHttpClient(PrimingAnswers.iam(clock))));
    }
}
