package broker.lambda.handler;

import broker.lambda.http.ApiKeysRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The API-keys function: {@code POST /v1/api-keys}, {@code GET /v1/api-keys}, {@code DELETE /v1/api-keys/{id}}.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class ApiKeysHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public ApiKeysHandler() {
        this(BrokerConfig.fromEnvironment(System.getenv()));
    }

    private ApiKeysHandler(BrokerConfig config) {
        super(Wiring.apiKeysRoutes(config, EnvironmentVariableCredentialsProvider.create())::handle,
                () -> Wiring.primeApiKeys(config), NOTHING, true);
    }

    /** Local broker and tests. */
    public ApiKeysHandler(ApiKeysRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
