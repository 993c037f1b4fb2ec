package broker.lambda.handler;

import broker.lambda.snapstart.KeysPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The API-keys function: {@code POST /v1/api-keys}, {@code GET /v1/api-keys}, {@code DELETE /v1/api-keys/{id}}.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class ApiKeysHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public ApiKeysHandler() {
        this(lambda(BrokerConfig.fromEnvironment(System.getenv())));
    }

    /** Local broker and tests. */
    public ApiKeysHandler(FunctionParts parts) {
        super(parts);
    }

    private static FunctionParts lambda(BrokerConfig config) {
        return FunctionParts.lambda(KeysWiring.apiKeysRoutes(config, EnvironmentVariableCredentialsProvider.create())::handle,
                () -> KeysPriming.apiKeys(config), FunctionParts.NOTHING);
    }
}
