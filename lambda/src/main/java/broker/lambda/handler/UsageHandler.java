package broker.lambda.handler;

import broker.lambda.snapstart.KeysPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The usage function: {@code GET /v1/usage} and {@code GET /v1/admin/usage}, read from the usage ledger.
 * Adapts; never decides. With SnapStart, primes both routes over an in-process DynamoDB before the snapshot.
 */
public class UsageHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public UsageHandler() {
        this(lambda(BrokerConfig.fromEnvironment(System.getenv())));
    }

    /** Local broker and tests. */
    public UsageHandler(FunctionParts parts) {
        super(parts);
    }

    private static FunctionParts lambda(BrokerConfig config) {
        var routes = UsageWiring.usageRoutes(config, System.getenv(), EnvironmentVariableCredentialsProvider.create());
        return FunctionParts.lambda(routes::handle, () -> KeysPriming.usage(config), FunctionParts.NOTHING);
    }
}
