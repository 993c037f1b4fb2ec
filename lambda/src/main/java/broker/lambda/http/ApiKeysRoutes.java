package broker.lambda.http;

import broker.contract.ApiRoutes;
import broker.lambda.core.apikeys.ApiKeyRequest;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.IdentityResolver;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The API-keys function's routes, a caller's own long-term Bedrock API keys: {@code POST /v1/api-keys},
 * {@code GET /v1/api-keys}, {@code DELETE /v1/api-keys/{id}}. Each is parse → core → render.
 */
public final class ApiKeysRoutes {

    private final ApiKeysService service;
    private final Bodies bodies;
    private final AuditedRoutes audited;
    private final KeyOutcomes outcomes;
    private final Dispatcher dispatcher;

    public ApiKeysRoutes(IdentityResolver identities, ApiKeysService service, AuditLog audit, Bodies bodies,
                         Responses responses) {
        this.service = service;
        this.bodies = bodies;
        this.audited = new AuditedRoutes(identities, audit, responses);
        this.outcomes = new KeyOutcomes(audited, responses);
        this.dispatcher = new Dispatcher(Map.ofEntries(
                audited.route(ApiRoutes.API_KEY_CREATE, this::create),
                audited.route(ApiRoutes.API_KEY_LIST, call -> outcomes.render(call, service.list(call.identity()))),
                audited.route(ApiRoutes.API_KEY_DELETE, call -> outcomes.render(call,
                        service.delete(call.identity(), call.request().pathParameters().get("id"))))), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    private APIGatewayV2HTTPResponse create(AuditedRoutes.Call call) {
        return switch (bodies.read(call.request(), ApiKeyRequest.class, ApiKeyRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<ApiKeyRequest>(var type, var detail) -> audited.refuse(call, type, detail);
            case Bodies.Parsed.Ok<ApiKeyRequest>(var body) -> outcomes.render(call, service.create(call.identity(), body));
        };
    }
}
