package broker.lambda.wiring;

import broker.contract.BrokerEnv;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBrokerState;
import broker.lambda.aws.DynamoDbBudgetStore;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamKeyStatusSwitch;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.budget.cutoff.KeyStatusSwitch;
import broker.lambda.core.budget.cutoff.PersonKeysLookup;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.revocation.Sleeper;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.StateStores;
import broker.lambda.observability.BudgetLog;
import broker.lambda.observability.PowertoolsAuditLog;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The budget cut-off and restore's part of the keys jar's composition: {@link BudgetEnforcer} over the state table,
 * the revocation policy on the Bedrock user role and the key users in Lambda (the usage-ingest and budget-restore
 * functions), or over any ports (the local broker, tests).
 */
public final class BudgetWiring {
    private BudgetWiring() {}

    /** In Lambda: the state table of {@value BrokerEnv#STATE_TABLE}, IAM signed by the function's role. */
    public static BudgetEnforcer enforcer(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider credentials) {
        String table = env.get(BrokerEnv.STATE_TABLE);
        if (table == null || table.isBlank()) throw new IllegalStateException(BrokerEnv.STATE_TABLE + " is not set");
        DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(),
                AwsClients.Connection.of(config.region(), config.state().dynamoDbEndpoint(), credentials));
        IamClient iam = AwsClients.client(IamClient.builder(),
                AwsClients.Connection.of(config.region(), config.iamEndpoint(), credentials));
        return enforcer(config, new DynamoDbBudgetStore(dynamo, table),
                StateStores.of(new DynamoDbBrokerState(dynamo, table)), KeysWiring.sessionRevocations(config, iam),
                new IamApiKeys(iam), new IamKeyStatusSwitch(iam), PowertoolsAuditLog.forService(), Clock.systemUTC(),
                Sleeper.THREAD);
    }

    /**
     * Over any ports; {@code iam} null (or no permissions boundary configured) when the broker serves no long-term
     * keys, so there are none to deactivate.
     */
    public static BudgetEnforcer enforcer(BrokerConfig config, BudgetStore budgets, StateStores state,
                                          RoleInlinePolicy rolePolicy, IamUsers iam, KeyStatusSwitch keySwitch,
                                          AuditLog audit, Clock clock, Sleeper sleeper) {
        SessionRevoker revoker = new SessionRevoker(state.revocations(), rolePolicy, clock, sleeper,
                SessionRevoker.PublishBudget.DEFAULT, config.legacyIssuers());
        PersonKeysLookup keys = iam == null || config.permissionsBoundaryArn() == null ? PersonKeysLookup.NONE
                : new ApiKeysService(config.entitlements(), iam, BedrockAccount.fromRoleArn(config.roleArn()),
                        config.iamUserPath(), config.permissionsBoundaryArn(), clock, IssuanceRecorder.NONE,
                        broker.lambda.core.budget.BudgetGate.OFF, config.legacyIssuers())::personKeys;
        return new BudgetEnforcer(config.entitlements(), budgets, state.people(), revoker, keys, keySwitch,
                new BudgetLog(audit), clock);
    }
}
