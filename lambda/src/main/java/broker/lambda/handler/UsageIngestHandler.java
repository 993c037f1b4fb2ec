package broker.lambda.handler;

import broker.lambda.core.usage.IngestionResult;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.snapstart.KeysPriming;
import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The usage ingestion function: a CloudWatch Logs subscription delivers Bedrock's invocation log records
 * ({@code {"awslogs":{"data":<base64 gzip>}}}); they are counted into the ledger exactly once. When the ledger cannot
 * be written the invocation fails, so Lambda retries the delivery (nothing of it was counted). Adapts; never decides.
 * With SnapStart, primes its own event handling over an in-process DynamoDB and IAM before the snapshot
 * ({@link KeysPriming#usageIngest}).
 */
public class UsageIngestHandler implements RequestHandler<Map<String, Object>, String>, Resource {
    private final UsageIngestion ingestion;
    private final Supplier<PrimingPlan> priming;

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
        this.ingestion = ingestion;
        this.priming = priming;
        if (priming != null) Core.getGlobalContext().register(this);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return context == null ? ingest(event) : PowertoolsLogging.withLogging(context, () -> ingest(event));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.get().run();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing cached to renew: SDK clients re-resolve connections, credentials are re-read from the environment.
    }

    /** This function's handling of a subscription event over another ingestion (SnapStart priming's). */
    static java.util.function.Function<Map<String, Object>, String> handling(UsageIngestion ingestion) {
        return new UsageIngestHandler(ingestion)::ingest;
    }

    private String ingest(Map<String, Object> event) {
        var records = LogsSubscriptionEvent.messages(event);
        return switch (ingestion.ingest(records)) {
            case IngestionResult.Ingested(var report) -> "counted " + report.counted() + " of " + report.received();
            case IngestionResult.LedgerUnavailable(var reason) ->
                    throw new IllegalStateException("usage ledger unavailable, delivery to be retried: " + reason);
        };
    }
}
