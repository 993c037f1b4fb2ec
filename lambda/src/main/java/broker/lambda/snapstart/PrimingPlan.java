package broker.lambda.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What SnapStart priming sends before the snapshot: a function's real routes, built over SDK clients that answer
 * in-process ({@link PrimingHttpClient}) and the priming audit log, and one canned event per route.
 *
 * @param routes  the function's routes over in-process answers
 * @param events  the requests to send, in order
 * @param clients what to close once they are sent (the in-process SDK clients)
 */
public record PrimingPlan(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes,
                          List<APIGatewayV2HTTPEvent> events, SdkAutoCloseable clients) {
    public PrimingPlan {
        events = List.copyOf(events);
    }

    /**
     * Sends every event through the routes inside Powertools' Lambda context logging (as a request would run), then
     * closes the clients, so that a restored snapshot loads no class on the first request but those of the network path.
     *
     * @return the status code of each answer, in order
     */
    public List<Integer> run() {
        Context context = PrimingContext.fromEnvironment(System.getenv());
        try (clients) {
            return events.stream()
                    .map(event -> PowertoolsLogging.withLogging(context, () -> routes.apply(event)).getStatusCode())
                    .toList();
        }
    }
}
