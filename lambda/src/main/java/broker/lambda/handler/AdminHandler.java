package broker.lambda.handler;

import broker.lambda.snapstart.KeysPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The admin function: {@code GET /v1/admin/users/{user}/api-keys}, {@code DELETE /v1/admin/users/{user}/api-keys/{id}},
 * {@code POST /v1/admin/users/{user}/revoke-sessions}; for members of the entitlements' admin groups.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class AdminHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public AdminHandler() {
        this(lambda(BrokerConfig.fromEnvironment(System.getenv())));
    }

    /** Local broker and tests. */
    public AdminHandler(FunctionParts parts) {
        super(parts);
    }

    private static FunctionParts lambda(BrokerConfig config) {
        return FunctionParts.lambda(KeysWiring.adminRoutes(config, EnvironmentVariableCredentialsProvider.create())::handle,
                () -> KeysPriming.admin(config), FunctionParts.NOTHING);
    }
}
