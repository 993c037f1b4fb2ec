package broker.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;

/** The public function's routes, which need no token: {@code GET /v1/client-config}. */
public final class PublicRoutes {
    public static final String CLIENT_CONFIG = "GET /v1/client-config";

    /** The bootstrap document a client fetches with {@code bedrock-broker configure --url}. */
    public record ClientConfigView(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                                   String region, Models models) {
        public record Models(String primary, String fast) {}
    }

    private final Dispatcher dispatcher;

    public PublicRoutes(ClientConfigView clientConfig, Responses responses) {
        this.dispatcher = new Dispatcher(Map.of(CLIENT_CONFIG, request -> responses.ok(clientConfig)), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
