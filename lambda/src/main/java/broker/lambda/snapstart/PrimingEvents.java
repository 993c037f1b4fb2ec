package broker.lambda.snapstart;

import broker.contract.ApiRoute;
import broker.lambda.core.identity.TrustedIssuer;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;

/** The canned API Gateway events of priming: a signed-in caller (or none, on public routes) from 127.0.0.1. */
final class PrimingEvents {
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
}
