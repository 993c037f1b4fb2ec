package broker.lambda.handler;

import broker.lambda.http.PublicRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The public function: {@code GET /v1/client-config}, {@code GET /v1/openapi.json} and the onboarding page ({@code GET /portal}); no JWT needed. */
public class PublicHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PublicRoutes routes;

    /** Lambda runtime. */
    public PublicHandler() {
        this(Wiring.publicRoutes(BrokerConfig.fromEnvironment(System.getenv())));
    }

    /** Local broker and tests. */
    public PublicHandler(PublicRoutes routes) {
        this.routes = routes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Handlers.withLogging(context, () -> routes.handle(event));
    }
}
