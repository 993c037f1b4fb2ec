package broker.lambda.handler;

import broker.lambda.http.CredentialsRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials function: {@code GET /v1/me}, {@code POST /v1/credentials}, {@code POST /v1/bearer-tokens}.
 * Adapts; never decides. With SnapStart, primes the whole issuance path before the snapshot.
 */
public class CredentialsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final CredentialsRoutes routes;
    private final Runnable priming;
    private final Runnable restore;

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public CredentialsHandler() {
        BrokerConfig config = BrokerConfig.fromEnvironment(System.getenv());
        Wiring.CredentialsFunction function = Wiring.credentialsFunction(config, EnvironmentVariableCredentialsProvider.create());
        this.routes = function.routes();
        this.priming = () -> Wiring.prime(config);
        this.restore = function.afterRestore();
        Core.getGlobalContext().register(this);
    }

    /** Local broker and tests. */
    public CredentialsHandler(CredentialsRoutes routes) {
        this.routes = routes;
        this.priming = () -> {};
        this.restore = () -> {};
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Handlers.withLogging(context, () -> routes.handle(event));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // SDK clients re-resolve connections and the role's credentials are re-read from the environment; the model
        // catalog in the snapshot may be days old, so it is distrusted and refreshed.
        restore.run();
    }
}
