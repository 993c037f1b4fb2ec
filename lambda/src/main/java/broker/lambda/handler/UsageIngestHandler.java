package broker.lambda.handler;

import broker.lambda.core.usage.IngestionResult;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.snapstart.KeysPriming;
import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The usage ingestion function: a CloudWatch Logs subscription delivers Bedrock's invocation log records
 * ({@code {"awslogs":{"data":<base64 gzip>}}}); they are counted into the ledger exactly once. When the ledger cannot
 * be written the invocation fails, so Lambda retries the delivery (nothing of it was counted). Adapts; never decides.
 * With SnapStart, primes its own event handling over an in-process DynamoDB and IAM before the snapshot
 * ({@link KeysPriming#usageIngest}).
 */
public class UsageIngestHandler extends FunctionHandler<Map<String, Object>, String> {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public UsageIngestHandler() {
        this(BrokerConfig.fromEnvironment(System.getenv()), System.getenv());
    }

    private UsageIngestHandler(BrokerConfig config, Map<String, String> env) {
        this(UsageWiring.usageIngestion(config, env, EnvironmentVariableCredentialsProvider.create()),
                () -> KeysPriming.usageIngest(config, env, UsageIngestHandler::handling));
    }

    /** Tests. */
    public UsageIngestHandler(UsageIngestion ingestion) {
        this(ingestion, null);
    }

    /**
     * @param priming builds the priming plan that {@code beforeCheckpoint} runs (registers for SnapStart's checkpoint);
     *                null for a handler that is never checkpointed
     */
    UsageIngestHandler(UsageIngestion ingestion, Supplier<PrimingPlan> priming) {
        // Nothing cached to renew after a restore.
        super(handling(ingestion), priming, FunctionParts.NOTHING);
    }

    /** This function's handling of a subscription event over an ingestion (its own, or SnapStart priming's). */
    static Function<Map<String, Object>, String> handling(UsageIngestion ingestion) {
        return event -> switch (ingestion.ingest(LogsSubscriptionEvent.messages(event))) {
            case IngestionResult.Ingested(var report) -> "counted " + report.counted() + " of " + report.received();
            case IngestionResult.LedgerUnavailable(var reason) ->
                    throw new IllegalStateException("usage ledger unavailable, delivery to be retried: " + reason);
        };
    }
}
