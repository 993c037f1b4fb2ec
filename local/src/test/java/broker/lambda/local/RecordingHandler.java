package broker.lambda.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A Lambda handler that records every event and context it gets and answers what the test tells it to. */
final class RecordingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final List<APIGatewayV2HTTPEvent> events = new CopyOnWriteArrayList<>();
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private volatile Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answer = event ->
            APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        events.add(event);
        contexts.add(context);
        return answer.apply(event);
    }

    void answer(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answer) {
        this.answer = answer;
    }

    List<APIGatewayV2HTTPEvent> events() {
        return List.copyOf(events);
    }

    APIGatewayV2HTTPEvent onlyEvent() {
        if (events.size() != 1) throw new AssertionError("expected one call, got " + events.size());
        return events.getFirst();
    }

    Context onlyContext() {
        if (contexts.size() != 1) throw new AssertionError("expected one call, got " + contexts.size());
        return contexts.getFirst();
    }

    void reset() {
        events.clear();
        contexts.clear();
    }
}
