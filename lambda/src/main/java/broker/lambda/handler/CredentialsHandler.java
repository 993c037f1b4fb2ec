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
        this(new CompletableFuture<>());
    }

    private CredentialsHandler(CompletableFuture<BrokerConfig> config) {
        this(ColdStartWarmUp.start(config), config);
    }

    private CredentialsHandler(ColdStartWarmUp warmUp, CompletableFuture<BrokerConfig> config) {
        this(warmUp, configuration(config));
    }

    private CredentialsHandler(ColdStartWarmUp warmUp, BrokerConfig config) {
        this(config, built(warmUp, Wiring.credentialsFunction(config, EnvironmentVariableCredentialsProvider.create())));
    }

    private CredentialsHandler(BrokerConfig config, Wiring.CredentialsFunction function) {
        super(function.routes()::handle, () -> Wiring.prime(config), function.afterRestore(), true);
    }

    private static BrokerConfig configuration(CompletableFuture<BrokerConfig> future) {
        try {
            BrokerConfig config = BrokerConfig.fromEnvironment(System.getenv());
            future.complete(config);
            return config;
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            throw e;
        }
    }

    private static Wiring.CredentialsFunction built(ColdStartWarmUp warmUp, Wiring.CredentialsFunction function) {
        warmUp.join();
        return function;
    }

    /** Local broker and tests. */
    public CredentialsHandler(CredentialsRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
