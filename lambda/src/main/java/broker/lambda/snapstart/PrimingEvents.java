package broker.lambda.snapstart;

import broker.contract.ApiRoute;
import broker.lambda.core.identity.TrustedIssuer;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The canned events of priming: API Gateway's, of a signed-in caller (or none, on public routes) from 127.0.0.1; and a
 * CloudWatch Logs subscription's.
 */
final class PrimingEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrimingEvents() {}

    /** The claims of a priming caller in these groups. */
    static Map<String, String> claims(BrokerConfig config, List<String> groups) {
        // The people issuer's own claims, so that priming resolves a caller as a real request does.
        TrustedIssuer people = config.issuers().getFirst();
        return Map.of("iss", people.issuer(), people.claims().subjectClaim(), "snapstart-priming",
                "aud", people.clientIds().isEmpty() ? people.audiences().getFirst() : people.clientIds().getFirst(),
                "email", "priming@example.invalid", "email_verified", "true",
                people.claims().groupsClaim(), "[" + String.join(" ", groups) + "]");
    }

    /** One event for each route, with these claims and path parameters. */
    static List<APIGatewayV2HTTPEvent> of(List<ApiRoute> routes, Map<String, String> claims, Map<String, String> path) {
        return routes.stream().map(route -> event(route, claims, path)).toList();
    }

    private static APIGatewayV2HTTPEvent event(ApiRoute route, Map<String, String> claims, Map<String, String> path) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(List.of()).build();
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route.method())
                .withPath(route.path()).withSourceIp("127.0.0.1").withUserAgent("snapstart-priming").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(PrimingContext.REQUEST_ID)
                .withHttp(http).withAuthorizer(authorizer).build();
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey(route.key()).withRawPath(route.path())
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").withRequestContext(context).build();
        if (!path.isEmpty()) event.setPathParameters(path);
        return event;
    }

    /**
     * A CloudWatch Logs subscription event as Lambda receives it, {@code {"awslogs":{"data":<base64 of gzip>}}}: a
     * {@code DATA_MESSAGE} with one log event per message.
     */
    static Map<String, Object> logsSubscription(String logGroup, List<String> messages, long timestampMillis) {
        var root = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", "000000000000")
                .put("logGroup", logGroup).put("logStream", "snapstart-priming");
        root.putArray("subscriptionFilters").add("snapstart-priming");
        var logEvents = root.putArray("logEvents");
        for (int i = 0; i < messages.size(); i++) {
            logEvents.addObject().put("id", String.valueOf(i)).put("timestamp", timestampMillis).put("message", messages.get(i));
        }
        var gzipped = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gzipped)) {
            out.write(JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("awslogs", Map.of("data", Base64.getEncoder().encodeToString(gzipped.toByteArray())));
    }
}
