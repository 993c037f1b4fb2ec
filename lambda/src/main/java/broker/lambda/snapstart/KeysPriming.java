package broker.lambda.snapstart;

import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbUsageLedger;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateStores;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.Timed;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import broker.lambda.wiring.UsageWiring;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
                KeysWiring.apiKeysRoutes(config, Timed.iam(new IamApiKeys(iam), audit), audit, clock)::handle,
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
        return new PrimingPlan(KeysWiring.adminRoutes(config, Timed.iam(new IamApiKeys(iam), audit),
                new RememberingRolePolicy(KeysWiring.sessionRevocations(config, iam)), state, audit, clock,
                wait -> { })::handle,
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
