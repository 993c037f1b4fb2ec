package broker.lambda.http;

import broker.contract.ApiRoutes;
import broker.lambda.core.admin.AdminService;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.IdentityResolver;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The admin function's routes, for members of the entitlements' admin groups: another person's long-term keys
 * and STS sessions, and (break-glass) everyone's sessions. {@code {user}} is that person's OIDC subject ({@code sub}) or
 * the email they last signed in with, URL-encoded.
 */
public final class AdminRoutes {
    public static final String LIST_KEYS = ApiRoutes.ADMIN_LIST_KEYS.key();
    public static final String DELETE_KEY = ApiRoutes.ADMIN_DELETE_KEY.key();
    public static final String REVOKE_SESSIONS = ApiRoutes.ADMIN_REVOKE_SESSIONS.key();
    public static final String REVOKE_ALL_SESSIONS = ApiRoutes.ADMIN_REVOKE_ALL_SESSIONS.key();

    private final Dispatcher dispatcher;

    public AdminRoutes(IdentityResolver identities, AdminService service, AuditLog audit, Responses responses) {
        ApiKeyResponses answers = new ApiKeyResponses(identities, audit, responses);
        this.dispatcher = new Dispatcher(Map.of(
                LIST_KEYS, request -> answers.authenticated(request, "admin-api-key-list", (r, admin) -> {
                    String user = r.pathParameters().get("user");
                    return answers.render(r, "admin-api-key-list", admin, user, service.listKeys(admin, user));
                }),
                DELETE_KEY, request -> answers.authenticated(request, "admin-api-key-delete", (r, admin) -> {
                    String user = r.pathParameters().get("user");
                    return answers.render(r, "admin-api-key-delete", admin, user,
                            service.deleteKey(admin, user, r.pathParameters().get("id")));
                }),
                REVOKE_SESSIONS, request -> answers.authenticated(request, "admin-revoke-sessions", (r, admin) -> {
                    String user = r.pathParameters().get("user");
                    return answers.render(r, "admin-revoke-sessions", admin, user, service.revokeSessions(admin, user));
                }),
                REVOKE_ALL_SESSIONS, request -> answers.authenticated(request, "admin-revoke-all-sessions", (r, admin) ->
                        answers.render(r, "admin-revoke-all-sessions", admin, null, service.revokeAllSessions(admin)))),
                responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
