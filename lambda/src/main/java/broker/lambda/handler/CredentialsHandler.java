package broker.lambda.handler;

import broker.lambda.http.CredentialsRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials function: {@code GET /v1/me}, {@code GET /v1/models}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}. Adapts; never decides. With SnapStart, primes the whole issuance path before
 * the snapshot, and distrusts the model catalog after a restore (the snapshot may be days old).
 */
public class CredentialsHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public CredentialsHandler() {
        this(BrokerConfig.fromEnvironment(System.getenv()));
    }

    private CredentialsHandler(BrokerConfig config) {
        this(config, Wiring.credentialsFunction(config, EnvironmentVariableCredentialsProvider.create()));
    }

    private CredentialsHandler(BrokerConfig config, Wiring.CredentialsFunction function) {
        super(function.routes()::handle, () -> Wiring.prime(config), function.afterRestore(), true);
    }

    /** Local broker and tests. */
    public CredentialsHandler(CredentialsRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
