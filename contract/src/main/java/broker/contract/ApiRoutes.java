package broker.contract;

import static broker.contract.ApiRoute.Auth.JWT;
import static broker.contract.ApiRoute.Auth.NONE;
import static broker.contract.BrokerFunction.ADMIN;
import static broker.contract.BrokerFunction.API_KEYS;
import static broker.contract.BrokerFunction.CREDENTIALS;
import static broker.contract.BrokerFunction.PUBLIC;
import static broker.contract.BrokerFunction.USAGE;

import java.util.List;

/**
 * Every route of the HTTP API, declared once: the stack's routes and authorizers, the local broker's route table, the
 * functions' dispatchers and priming read this list; {@code ApiRoutesTest} pins it and {@code OpenApiContractTest}
 * checks that the OpenAPI document describes exactly these routes.
 */
public final class ApiRoutes {
    private ApiRoutes() {}

    public static final ApiRoute CLIENT_CONFIG = new ApiRoute("GET", "/v1/client-config", PUBLIC, NONE, null);
    public static final ApiRoute OPENAPI = new ApiRoute("GET", "/v1/openapi.json", PUBLIC, NONE, null);
    public static final ApiRoute PORTAL = new ApiRoute("GET", "/portal", PUBLIC, NONE, null);
    public static final ApiRoute PORTAL_ASSET = new ApiRoute("GET", "/portal/{asset}", PUBLIC, NONE, null);

    public static final ApiRoute ME = new ApiRoute("GET", "/v1/me", CREDENTIALS, JWT, "me");
    public static final ApiRoute CREDENTIALS_ROUTE = new ApiRoute("POST", "/v1/credentials", CREDENTIALS, JWT, "credentials");
    public static final ApiRoute BEARER_TOKENS = new ApiRoute("POST", "/v1/bearer-tokens", CREDENTIALS, JWT, "bearer-token");
    public static final ApiRoute MODELS = new ApiRoute("GET", "/v1/models", CREDENTIALS, JWT, "models");

    public static final ApiRoute API_KEY_CREATE = new ApiRoute("POST", "/v1/api-keys", API_KEYS, JWT, "api-key-create");
    public static final ApiRoute API_KEY_LIST = new ApiRoute("GET", "/v1/api-keys", API_KEYS, JWT, "api-key-list");
    public static final ApiRoute API_KEY_DELETE = new ApiRoute("DELETE", "/v1/api-keys/{id}", API_KEYS, JWT, "api-key-delete");

    public static final ApiRoute ADMIN_LIST_KEYS =
            new ApiRoute("GET", "/v1/admin/users/{user}/api-keys", ADMIN, JWT, "admin-api-key-list");
    public static final ApiRoute ADMIN_DELETE_KEY =
            new ApiRoute("DELETE", "/v1/admin/users/{user}/api-keys/{id}", ADMIN, JWT, "admin-api-key-delete");
    public static final ApiRoute ADMIN_REVOKE_SESSIONS =
            new ApiRoute("POST", "/v1/admin/users/{user}/revoke-sessions", ADMIN, JWT, "admin-revoke-sessions");
    /** Break-glass: every session of the Bedrock user role issued before now. */
    public static final ApiRoute ADMIN_REVOKE_ALL_SESSIONS =
            new ApiRoute("POST", "/v1/admin/revoke-all-sessions", ADMIN, JWT, "admin-revoke-all-sessions");

    /** An admin's override of one person's budget until an expiry (docs/budgets.md). */
    public static final ApiRoute ADMIN_SET_BUDGET =
            new ApiRoute("PUT", "/v1/admin/users/{user}/budget", ADMIN, JWT, "admin-budget-override");

    public static final ApiRoute USAGE_MINE = new ApiRoute("GET", "/v1/usage", USAGE, JWT, "usage");
    public static final ApiRoute ADMIN_USAGE = new ApiRoute("GET", "/v1/admin/usage", USAGE, JWT, "admin-usage");

    /** Every route, grouped by function: the public bootstrap routes first. */
    public static final List<ApiRoute> ALL = List.of(
            CLIENT_CONFIG, OPENAPI, PORTAL, PORTAL_ASSET,
            ME, CREDENTIALS_ROUTE, BEARER_TOKENS, MODELS,
            API_KEY_CREATE, API_KEY_LIST, API_KEY_DELETE,
            ADMIN_LIST_KEYS, ADMIN_DELETE_KEY, ADMIN_REVOKE_SESSIONS, ADMIN_REVOKE_ALL_SESSIONS, ADMIN_SET_BUDGET,
            USAGE_MINE, ADMIN_USAGE);

    /** The routes one function serves, in declaration order. */
    public static List<ApiRoute> of(BrokerFunction function) {
        return ALL.stream().filter(route -> route.function() == function).toList();
    }
}
