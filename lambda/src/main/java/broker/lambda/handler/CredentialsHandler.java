package broker.lambda.handler;

import broker.lambda.snapstart.ColdStartWarmUp;
import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials function: {@code GET /v1/me}, {@code GET /v1/models}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}. Adapts; never decides. With SnapStart, primes the whole issuance path before
 * the snapshot, and distrusts the model catalog after a restore (the snapshot may be days old).
 */
public class CredentialsHandler extends SnapStartFunction {

    /** Lambda runtime: built while a {@link ColdStartWarmUp} loads what the first request needs. */
    public CredentialsHandler() {
        this(ColdStartWarmUp.during(() -> BrokerConfig.fromEnvironment(System.getenv()), config -> {
            var function = CredentialsWiring.credentialsFunction(config, EnvironmentVariableCredentialsProvider.create());
            return FunctionParts.lambda(function.routes()::handle, () -> CredentialsPriming.credentials(config),
                    function.afterRestore());
        }));
    }

    /** Local broker and tests. */
    public CredentialsHandler(FunctionParts parts) {
        super(parts);
    }
}
