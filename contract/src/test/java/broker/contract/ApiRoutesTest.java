package broker.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route contract: these keys, authorizers and functions are what clients and the stack depend on. */
class ApiRoutesTest {

    @Test
    void routes_requireTheJwtAuthorizerExceptThePublicBootstrapRoutes() {
        Map<String, String> authorization = new LinkedHashMap<>();
        ApiRoutes.ALL.forEach(route -> authorization.put(route.key(), route.auth().name()));
        assertThat(authorization).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("GET /v1/me", "JWT"),
                Map.entry("POST /v1/credentials", "JWT"),
                Map.entry("POST /v1/bearer-tokens", "JWT"),
                Map.entry("GET /v1/models", "JWT"),
                Map.entry("POST /v1/api-keys", "JWT"),
                Map.entry("GET /v1/api-keys", "JWT"),
                Map.entry("DELETE /v1/api-keys/{id}", "JWT"),
                Map.entry("GET /v1/admin/users/{user}/api-keys", "JWT"),
                Map.entry("DELETE /v1/admin/users/{user}/api-keys/{id}", "JWT"),
                Map.entry("POST /v1/admin/users/{user}/revoke-sessions", "JWT"),
                Map.entry("POST /v1/admin/revoke-all-sessions", "JWT"),
                Map.entry("PUT /v1/admin/users/{user}/budget", "JWT"),
                Map.entry("GET /v1/client-config", "NONE"),
                Map.entry("GET /v1/openapi.json", "NONE"),
                Map.entry("GET /portal", "NONE"),
                Map.entry("GET /portal/{asset}", "NONE"),
                Map.entry("GET /v1/usage", "JWT"),
                Map.entry("GET /v1/admin/usage", "JWT")));
    }

    @Test
    void routes_goToTheFunctionThatHoldsTheirPermissions() {
        Map<String, String> functionOf = new LinkedHashMap<>();
        ApiRoutes.ALL.forEach(route -> functionOf.put(route.key(), route.function().id()));
        assertThat(functionOf).containsAllEntriesOf(Map.of(
                "GET /v1/me", "Credentials",
                "POST /v1/credentials", "Credentials",
                "GET /v1/client-config", "Public",
                "POST /v1/api-keys", "ApiKeys",
                "GET /v1/api-keys", "ApiKeys",
                "DELETE /v1/api-keys/{id}", "ApiKeys",
                "GET /v1/admin/users/{user}/api-keys", "Admin",
                "DELETE /v1/admin/users/{user}/api-keys/{id}", "Admin",
                "POST /v1/admin/users/{user}/revoke-sessions", "Admin",
                "POST /v1/admin/revoke-all-sessions", "Admin"));
        assertThat(functionOf).containsEntry("PUT /v1/admin/users/{user}/budget", "Admin");
        assertThat(functionOf).containsEntry("GET /v1/usage", "Usage").containsEntry("GET /v1/admin/usage", "Usage");
    }

    @Test
    void auditActions_areDeclaredOncePerAuthenticatedRoute() {
        assertThat(ApiRoutes.ALL.stream().filter(ApiRoute::authenticated).map(ApiRoute::action))
                .containsExactly("me", "credentials", "bearer-token", "models", "api-key-create", "api-key-list",
                        "api-key-delete", "admin-api-key-list", "admin-api-key-delete", "admin-revoke-sessions",
                        "admin-revoke-all-sessions", "admin-budget-override", "usage", "admin-usage");
    }

    @Test
    void of_listsOneFunctionsRoutesInOrder() {
        assertThat(ApiRoutes.of(BrokerFunction.API_KEYS)).extracting(ApiRoute::key)
                .containsExactly("POST /v1/api-keys", "GET /v1/api-keys", "DELETE /v1/api-keys/{id}");
    }

    @Test
    void route_publicWithAnAction_isRejected() {
        assertThatThrownBy(() -> new ApiRoute("GET", "/x", BrokerFunction.PUBLIC, ApiRoute.Auth.NONE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void functions_nameTheirHandlersAndJars() {
        assertThat(BrokerFunction.CREDENTIALS.handler()).isEqualTo("broker.lambda.handler.CredentialsHandler::handleRequest");
        assertThat(BrokerFunction.ADMIN.jar().fileName()).isEqualTo("bedrock-broker-lambda-keys.jar");
        assertThat(BrokerFunction.PUBLIC.jar().fileName()).isEqualTo("bedrock-broker-lambda-credentials.jar");
        assertThat(LambdaJar.LOCAL_BROKER).isEqualTo("bedrock-broker-local.jar");
    }
}
