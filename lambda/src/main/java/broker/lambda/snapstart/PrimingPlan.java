package broker.lambda.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What SnapStart priming sends before the snapshot: a function's real code (an HTTP function's routes, or another
 * function's event handling) built over SDK clients that answer in-process ({@link PrimingHttpClient}) and the
 * priming audit log, and its canned events.
 *
 * @param sends   each canned event sent through the function, in order, giving its outcome (an HTTP status code)
 * @param clients what to close once they are sent (the in-process SDK clients)
 */
public record PrimingPlan(List<IntSupplier> sends, SdkAutoCloseable clients) {
    public PrimingPlan {
        sends = List.copyOf(sends);
    }

    /**
     * An HTTP function: one canned API Gateway event per route through its routes; the outcome is the status code.
     *
     * @param routes the function's routes over in-process answers
     * @param events the requests to send, in order
     */
    public PrimingPlan(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes,
                       List<APIGatewayV2HTTPEvent> events, SdkAutoCloseable clients) {
        this(events.stream().<IntSupplier>map(event -> () -> routes.apply(event).getStatusCode()).toList(), clients);
    }

    /**
     * A function that is not behind API Gateway (an event source's events): each event through {@code function}; the
     * outcome is 200 when it returns and 500 when it throws, as a route's failure is a 500, so that a failing priming
     * never fails the snapshot.
     */
    public static <E> PrimingPlan ofEvents(Function<E, ?> function, List<E> events, SdkAutoCloseable clients) {
        return new PrimingPlan(events.stream().<IntSupplier>map(event -> () -> {
            try {
                function.apply(event);
                return 200;
            } catch (RuntimeException e) {
                return 500;
            }
        }).toList(), clients);
    }

    /**
     * Sends every event through the function inside Powertools' Lambda context logging (as a request would run),
     * then closes the clients, so that a restored snapshot loads no class on the first request but those of the
     * network path.
     *
     * @return the outcome of each event, in order
     */
    public List<Integer> run() {
        Context context = PrimingContext.fromEnvironment(System.getenv());
        try (clients) {
            return sends.stream().map(send -> PowertoolsLogging.withLogging(context, send::getAsInt)).toList();
        }
    }
}
