package broker.lambda.handler;

import broker.lambda.http.PublicRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The public function: {@code GET /v1/client-config}, {@code GET /v1/openapi.json} and the onboarding page
 * ({@code GET /portal}); no JWT needed. Adapts; never decides. With SnapStart, primes its routes before the snapshot,
 * and distrusts the model catalog (behind the client-config's recommended models) after a restore.
 */
public class PublicHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public PublicHandler() {
        this(BrokerConfig.fromEnvironment(System.getenv()));
    }

    private PublicHandler(BrokerConfig config) {
        this(config, Wiring.publicFunction(config, EnvironmentVariableCredentialsProvider.create()));
    }

    private PublicHandler(BrokerConfig config, Wiring.PublicFunction function) {
        super(function.routes()::handle, () -> Wiring.primePublic(config), function.afterRestore(), true);
    }

    /** Local broker and tests. */
    public PublicHandler(PublicRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
