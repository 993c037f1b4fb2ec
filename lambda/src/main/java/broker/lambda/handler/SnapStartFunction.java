package broker.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every function does: hand each API Gateway event to its routes and, in Lambda, prime them before the snapshot
 * and renew what a restore makes stale. Subclasses only say which {@link FunctionParts}.
 */
abstract class SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final FunctionParts parts;

    SnapStartFunction(FunctionParts parts) {
        this.parts = parts;
        if (parts.priming() != null) Core.getGlobalContext().register(this);
    }

    /** Powertools' Lambda context keys on every log line (request id, cold start); event logging stays off. */
    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return context == null ? parts.routes().apply(event)
                : PowertoolsLogging.withLogging(context, () -> parts.routes().apply(event));
    }

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        parts.priming().get().run();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        // SDK clients re-resolve connections and the role's credentials are re-read from the environment;
        // only what a function caches itself needs renewing.
        parts.afterRestore().run();
    }
}
