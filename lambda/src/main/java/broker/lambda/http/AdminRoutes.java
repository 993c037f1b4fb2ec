package broker.lambda.http;

import broker.contract.ApiRoutes;
import broker.lambda.core.admin.AdminService;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.IdentityResolver;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The admin function's routes, for members of the entitlements' admin groups: another person's long-term keys
 * and STS sessions, and (break-glass) everyone's sessions. {@code {user}} is that person's subject or the email they
 * last signed in with, URL-encoded; {@code ?issuer=} names their issuer when people of several issuers have it.
 */
public final class AdminRoutes {
    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private final Dispatcher dispatcher;

    public AdminRoutes(IdentityResolver identities, AdminService service, AuditLog audit, Responses responses) {
        this(identities, service, audit, responses, new Bodies(Json.mapper()));
    }

    public AdminRoutes(IdentityResolver identities, AdminService service, AuditLog audit, Responses responses,
                       Bodies bodies) {
        AuditedRoutes audited = new AuditedRoutes(identities, audit, responses);
        KeyOutcomes outcomes = new KeyOutcomes(audited, responses);
        this.dispatcher = new Dispatcher(Map.ofEntries(
                audited.route(ApiRoutes.ADMIN_LIST_KEYS, call -> {
                    AuditedRoutes.Call on = call.on(call.request().pathParameters().get("user"));
                    return outcomes.render(on, service.listKeys(on.identity(), issuer(on), on.target()));
                }),
                audited.route(ApiRoutes.ADMIN_DELETE_KEY, call -> {
                    AuditedRoutes.Call on = call.on(call.request().pathParameters().get("user"));
                    return outcomes.render(on, service.deleteKey(on.identity(), issuer(on), on.target(),
                            on.request().pathParameters().get("id")));
                }),
                audited.route(ApiRoutes.ADMIN_REVOKE_SESSIONS, call -> {
                    AuditedRoutes.Call on = call.on(call.request().pathParameters().get("user"));
                    return outcomes.render(on, service.revokeSessions(on.identity(), issuer(on), on.target()));
                }),
                audited.route(ApiRoutes.ADMIN_REVOKE_ALL_SESSIONS, call ->
                        outcomes.render(call, service.revokeAllSessions(call.identity()))),
                audited.route(ApiRoutes.ADMIN_SET_BUDGET, call -> {
                    AuditedRoutes.Call on = call.on(call.request().pathParameters().get("user"));
                    return switch (bodies.read(on.request(), JsonNode.class, EMPTY)) {
                        case Bodies.Parsed.Bad<JsonNode>(var type, var detail) -> audited.refuse(on, type, detail);
                        case Bodies.Parsed.Ok<JsonNode>(var body) ->
                                outcomes.render(on, service.overrideBudget(on.identity(), issuer(on), on.target(), body));
                    };
                })), responses);
    }

    /** The {@code ?issuer=} that names the person's issuer when a user is ambiguous across issuers, or null. */
    private static String issuer(AuditedRoutes.Call call) {
        return call.request().queryParameters().get("issuer");
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
