package broker.lambda.http;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event to the route named by its route key; the last-resort catch turns an unexpected
 * exception into a 500 problem that carries only the request id.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes;
    private final Responses responses;

    public Dispatcher(Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes, Responses responses) {
        this.routes = Map.copyOf(routes);
        this.responses = responses;
    }

    public APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
        ApiRequest request;
        try {
            request = ApiRequest.of(event);
        } catch (RuntimeException e) {
            LOG.warn("unreadable event", entry("error", e.getClass().getSimpleName()));
            return responses.problem(ProblemType.MALFORMED_JSON, "The request could not be read.", "unknown");
        }
        var route = routes.get(request.routeKey());
        if (route == null) {
            return responses.problem(ProblemType.NOT_FOUND, "No route " + Text.printable(request.routeKey()) + ".", request.requestId());
        }
        try {
            return route.apply(request);
        } catch (RuntimeException e) {
            // Logged once, here, with the request id the caller was given; the answer carries nothing else.
            LOG.error("unexpected failure", entry("requestId", request.requestId()), entry("route", request.routeKey()), e);
            return responses.problem(ProblemType.INTERNAL_ERROR,
                    "The broker failed unexpectedly; quote request id " + request.requestId() + " to your platform team.",
                    request.requestId());
        }
    }
}
