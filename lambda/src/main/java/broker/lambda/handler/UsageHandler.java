package broker.lambda.handler;

import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import java.util.List;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The usage function: {@code GET /v1/usage} and {@code GET /v1/admin/usage}, read from the usage ledger.
 * Adapts; never decides. Its priming sends no request yet (the routes' classes load on the first one).
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
        return FunctionParts.lambda(routes::handle, () -> new PrimingPlan(routes::handle, List.of(), () -> { }),
                FunctionParts.NOTHING);
    }
}
