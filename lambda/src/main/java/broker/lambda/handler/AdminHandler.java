package broker.lambda.handler;

import broker.lambda.http.AdminRoutes;
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
 * The admin function: {@code GET /v1/admin/users/{user}/api-keys}, {@code DELETE /v1/admin/users/{user}/api-keys/{id}},
 * {@code POST /v1/admin/users/{user}/revoke-sessions}; for members of the entitlements' admin groups.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class AdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final AdminRoutes routes;
    private final Runnable priming;

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public AdminHandler() {
        BrokerConfig config = BrokerConfig.fromEnvironment(System.getenv());
        this.routes = Wiring.adminRoutes(config, EnvironmentVariableCredentialsProvider.create());
        this.priming = () -> Wiring.primeAdmin(config);
        Core.getGlobalContext().register(this);
    }

    /** Local broker and tests. */
    public AdminHandler(AdminRoutes routes) {
        this.routes = routes;
        this.priming = () -> {};
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
        // Nothing to renew: SDK clients re-resolve connections and the role's credentials are re-read from the environment.
    }
}
