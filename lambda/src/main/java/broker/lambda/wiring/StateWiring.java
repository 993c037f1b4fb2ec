package broker.lambda.wiring;

import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBrokerState;
import broker.lambda.aws.DynamoDbBudgetStore;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.StateStores;
import broker.lambda.observability.StateLog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The state part of both jars' composition roots: the DynamoDB table and the issuance recorder. */
public final class StateWiring {
    /**
     * How long an issuance waits, after STS answered, for its record to be written. In Lambda the write must finish
     * before the handler returns (a frozen environment would hold it), so the wait is bounded but real.
     */
    static final Duration RECORD_WAIT = Duration.ofSeconds(1);

    private StateWiring() {}

    /** The state table of {@code BROKER_STATE_TABLE}, if set. */
    public static Optional<StateStores> table(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return config.state().tableName().map(table -> StateStores.of(new DynamoDbBrokerState(
                AwsClients.client(DynamoDbClient.builder(),
                        AwsClients.Connection.of(config.region(), config.state().dynamoDbEndpoint(), awsCredentials)),
                table)));
    }

    /**
     * The broker's state and the budgets (overrides, cut-offs, and the spend the check reads) on the state table of
     * {@code BROKER_STATE_TABLE}, if set, over one DynamoDB client.
     */
    public static Optional<TableState> tableState(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return config.state().tableName().map(table -> {
            DynamoDbClient dynamo = AwsClients.client(DynamoDbClient.builder(),
                    AwsClients.Connection.of(config.region(), config.state().dynamoDbEndpoint(), awsCredentials));
            return new TableState(StateStores.of(new DynamoDbBrokerState(dynamo, table)),
                    new DynamoDbBudgetStore(dynamo, table));
        });
    }

    /** Both stores on the state table. */
    public record TableState(StateStores state, BudgetStore budgets) {}

    /** Records issuances in {@code people} on one daemon thread, beside each STS call. */
    public static IssuanceRecorder recorder(PersonDirectory people) {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, "issuance-record");
            daemon.setDaemon(true);
            return daemon;
        });
        return new IssuanceRecorder(people, thread, StateLog::recordFailed, RECORD_WAIT);
    }
}
