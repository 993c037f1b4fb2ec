package broker.lambda.wiring;

import broker.contract.BrokerEnv;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBrokerState;
import broker.lambda.aws.DynamoDbUsageLedger;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.core.apikeys.IamKeyOwners;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.pricing.InvalidPricingException;
import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.usage.Attributor;
import broker.lambda.core.usage.DirectorySessionOwners;
import broker.lambda.core.usage.OwnerIssuers;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.KeyOwners;
import broker.lambda.core.usage.SessionOwners;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.core.usage.UsagePrincipals;
import broker.lambda.core.usage.UsageViews;
import broker.lambda.http.Json;
import broker.lambda.http.Responses;
import broker.lambda.http.UsageRoutes;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.UsageIngestionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The composition root of the usage functions (in the keys jar): the usage routes and the ingestion of Bedrock's
 * invocation log records, over the DynamoDB ledger in Lambda or any ledger (the local broker's embedded one, tests).
 */
public final class UsageWiring {
    private UsageWiring() {}

    /** The usage function's routes in Lambda: the ledger on the state table. */
    public static UsageRoutes usageRoutes(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider credentials) {
        DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(), AwsClients.Connection.of(config.region(), null, credentials));
        return usageRoutes(config, new DynamoDbUsageLedger(dynamo, table(env), Clock.systemUTC()),
                PowertoolsAuditLog.forService(), Clock.systemUTC(),
                new broker.lambda.aws.DynamoDbBudgetStore(dynamo, table(env), Clock.systemUTC()));
    }

    /** The usage routes over any ledger. */
    public static UsageRoutes usageRoutes(BrokerConfig config, UsageLedger ledger, AuditLog audit, Clock clock) {
        return usageRoutes(config, ledger, audit, clock, null);
    }

    /** The usage routes over any ledger, the admins' report with each person's budget from {@code budgets} (or none). */
    public static UsageRoutes usageRoutes(BrokerConfig config, UsageLedger ledger, AuditLog audit, Clock clock,
                                          broker.lambda.core.budget.BudgetStore budgets) {
        return new UsageRoutes(new IdentityResolver(config.issuers()), config.entitlements(),
                new UsageViews(ledger, clock), audit, new Responses(Json.mapper()), clock,
                budgets == null ? null : new broker.lambda.core.budget.BudgetStates(config.entitlements(), budgets, clock));
    }

    /** Ingestion in Lambda: the DynamoDB ledger, session owners from the state table, key owners from IAM tags. */
    public static UsageIngestion usageIngestion(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider credentials) {
        DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(), AwsClients.Connection.of(config.region(), null, credentials));
        String table = table(env);
        return usageIngestion(config, env, new DynamoDbUsageLedger(dynamo, table, Clock.systemUTC()),
                new DirectorySessionOwners(new DynamoDbBrokerState(dynamo, table), OwnerIssuers.of(config.issuers())),
                keyOwners(config, credentials),
                // The budget cut-off runs after each batch that charged someone (docs/budgets.md).
                new broker.lambda.core.budget.cutoff.CrossingWatch(UsageIngestionLog.forService(),
                        BudgetWiring.enforcer(config, env, credentials)),
                Clock.systemUTC());
    }

    /**
     * Who holds each long-term key user: its owner tag, read from IAM ({@code GetUser}, {@code ListUserTags}) under the
     * broker's path, with {@code BROKER_IAM_ENDPOINT} honoured (the local broker, tests).
     */
    public static KeyOwners keyOwners(BrokerConfig config, AwsCredentialsProvider credentials) {
        var iam = AwsClients.client(IamClient.builder(), AwsClients.Connection.of(config.region(), config.iamEndpoint(), credentials));
        return new IamKeyOwners(new IamApiKeys(iam), config.iamUserPath(), OwnerIssuers.of(config.issuers()));
    }

    /** Ingestion over any ledger and owner directories. */
    public static UsageIngestion usageIngestion(BrokerConfig config, Map<String, String> env, UsageLedger ledger,
                                                SessionOwners sessions, KeyOwners keys, IngestionEvents events, Clock clock) {
        return new UsageIngestion(prices(env), new Attributor(principals(config, env), sessions, keys), ledger, events,
                clock, UsageIngestion.DEFAULT_WINDOW);
    }

    /** Whose records ingestion attributes: the user role's sessions and the key users, in the role's account. */
    public static UsagePrincipals principals(BrokerConfig config, Map<String, String> env) {
        BedrockAccount account = BedrockAccount.fromRoleArn(config.roleArn());
        String roleName = env.getOrDefault(BrokerEnv.USAGE_ROLE_NAME, IamRolePolicy.roleName(config.roleArn()));
        return new UsagePrincipals(roleName, config.iamUserPath(), Set.of(account.accountId()));
    }

    /** The shipped prices, with the operator's override ({@value BrokerEnv#PRICING_FILE}) in front when set. */
    public static PriceTable prices(Map<String, String> env) {
        String file = env.get(BrokerEnv.PRICING_FILE);
        if (file == null || file.isBlank()) return PriceTable.defaults();
        try {
            return PriceTable.withOverride(PriceTable.defaults(), Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pricing document " + file, e);
        } catch (InvalidPricingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String table(Map<String, String> env) {
        String table = env.get(BrokerEnv.USAGE_TABLE);
        if (table == null || table.isBlank()) throw new IllegalStateException(BrokerEnv.USAGE_TABLE + " is not set");
        return table;
    }
}
