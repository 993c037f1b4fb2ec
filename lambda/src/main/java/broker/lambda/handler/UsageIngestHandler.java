package broker.lambda.handler;

import broker.lambda.core.usage.IngestionResult;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The usage ingestion function: a CloudWatch Logs subscription delivers Bedrock's invocation log records
 * ({@code {"awslogs":{"data":<base64 gzip>}}}); they are counted into the ledger exactly once. When the ledger cannot
 * be written the invocation fails, so Lambda retries the delivery (nothing of it was counted). Adapts; never decides.
 */
public class UsageIngestHandler implements RequestHandler<Map<String, Object>, String> {
    private final UsageIngestion ingestion;

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public UsageIngestHandler() {
        this(UsageWiring.usageIngestion(BrokerConfig.fromEnvironment(System.getenv()), System.getenv(),
                EnvironmentVariableCredentialsProvider.create()));
    }

    /** Tests. */
    public UsageIngestHandler(UsageIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return context == null ? ingest(event) : PowertoolsLogging.withLogging(context, () -> ingest(event));
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
