package broker.lambda.http;

import broker.contract.ApiRoutes;
import broker.lambda.core.apikeys.ApiKeyRequest;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityResolver;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The API-keys function's routes, a caller's own long-term Bedrock API keys: {@code POST /v1/api-keys},
 * {@code GET /v1/api-keys}, {@code DELETE /v1/api-keys/{id}}. Each is parse → core → render.
 */
public final class ApiKeysRoutes {
    public static final String CREATE = ApiRoutes.API_KEY_CREATE.key();
    public static final String LIST = ApiRoutes.API_KEY_LIST.key();
    public static final String DELETE = ApiRoutes.API_KEY_DELETE.key();

    private final ApiKeysService service;
    private final Bodies bodies;
    private final ApiKeyResponses answers;
    private final Dispatcher dispatcher;

    public ApiKeysRoutes(IdentityResolver identities, ApiKeysService service, AuditLog audit, Bodies bodies,
                         Responses responses) {
        this.service = service;
        this.bodies = bodies;
        this.answers = new ApiKeyResponses(identities, audit, responses);
        this.dispatcher = new Dispatcher(Map.of(
                CREATE, request -> answers.authenticated(request, "api-key-create", this::create),
                LIST, request -> answers.authenticated(request, "api-key-list",
                        (r, identity) -> answers.render(r, "api-key-list", identity, null, service.list(identity))),
                DELETE, request -> answers.authenticated(request, "api-key-delete",
                        (r, identity) -> answers.render(r, "api-key-delete", identity, null,
                                service.delete(identity, r.pathParameters().get("id"))))), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request, Identity identity) {
        return switch (bodies.read(request, ApiKeyRequest.class, ApiKeyRequest.DEFAULTS)) {
            case Bodies.Parsed.Bad<ApiKeyRequest>(var type, var detail) ->
                    answers.refuse(request, "api-key-create", identity, null, type, detail);
            case Bodies.Parsed.Ok<ApiKeyRequest>(var body) ->
                    answers.render(request, "api-key-create", identity, null, service.create(identity, body));
        };
    }
}
