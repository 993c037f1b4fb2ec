package broker.lambda.handler;

import broker.lambda.http.CredentialsRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.ColdStartWarmUp;
import broker.lambda.wiring.Wiring;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials function: {@code GET /v1/me}, {@code GET /v1/models}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}. Adapts; never decides. With SnapStart, primes the whole issuance path before
 * the snapshot, and distrusts the model catalog after a restore (the snapshot may be days old).
 */
public class CredentialsHandler extends SnapStartFunction {

    /**
     * Lambda runtime: configuration from the environment, credentials from the function's role. Starts a
     * {@link ColdStartWarmUp} first and waits for it at the end, so that it overlaps the function's construction and
     * never competes with the first request.
     */
    public CredentialsHandler() {
        this(Built.fromEnvironment());
    }

    private CredentialsHandler(Built built) {
        super(built.function().routes()::handle, () -> Wiring.prime(built.config()), built.function().afterRestore(), true);
    }

    /** The function as the Lambda runtime builds it (Java 21 allows no statements before {@code this(...)}). */
    private record Built(BrokerConfig config, Wiring.CredentialsFunction function) {
        static Built fromEnvironment() {
            var parsed = new CompletableFuture<BrokerConfig>();
            ColdStartWarmUp warmUp = ColdStartWarmUp.start(parsed);
            BrokerConfig config;
            try {
                config = BrokerConfig.fromEnvironment(System.getenv());
                parsed.complete(config);
            } catch (RuntimeException e) {
                parsed.completeExceptionally(e);
                throw e;
            }
            Wiring.CredentialsFunction function =
                    Wiring.credentialsFunction(config, EnvironmentVariableCredentialsProvider.create());
            warmUp.join();
            return new Built(config, function);
        }
    }

    /** Local broker and tests. */
    public CredentialsHandler(CredentialsRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
