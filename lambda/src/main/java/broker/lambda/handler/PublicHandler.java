package broker.lambda.handler;

import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The public function: {@code GET /v1/client-config}, {@code GET /v1/openapi.json} and the onboarding page
 * ({@code GET /portal}); no JWT needed. Adapts; never decides. With SnapStart, primes its routes before the snapshot,
 * and distrusts the model catalog (behind the client-config's recommended models) after a restore.
 */
public class PublicHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public PublicHandler() {
        this(lambda(BrokerConfig.fromEnvironment(System.getenv())));
    }

    /** Local broker and tests. */
    public PublicHandler(FunctionParts parts) {
        super(parts);
    }

    private static FunctionParts lambda(BrokerConfig config) {
        var function = CredentialsWiring.publicFunction(config, EnvironmentVariableCredentialsProvider.create());
        return FunctionParts.lambda(function.routes()::handle, () -> CredentialsPriming.publicFunction(config),
                function.afterRestore());
    }
}
