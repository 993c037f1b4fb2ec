package broker.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every SnapStart function does: hand each API Gateway event to its routes, prime them before the
 * snapshot, and renew what a restore makes stale. Subclasses only say which routes, priming and renewal.
 */
abstract class SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    static final Runnable NOTHING = () -> {};

    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes;
    private final Runnable priming;
    private final Runnable restore;

    /**
     * @param inLambda true in the Lambda runtime: registers for the CRaC checkpoint hooks (the local broker and
     *                 tests build handlers that are never checkpointed)
     */
    SnapStartFunction(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes, Runnable priming,
                      Runnable restore, boolean inLambda) {
        this.routes = routes;
        this.priming = priming;
        this.restore = restore;
        if (inLambda) Core.getGlobalContext().register(this);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Handlers.withLogging(context, () -> routes.apply(event));
    }

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        // SDK clients re-resolve connections and the role's credentials are re-read from the environment;
        // only what a function caches itself needs renewing.
        restore.run();
    }
}
