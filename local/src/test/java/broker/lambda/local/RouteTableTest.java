package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.local.RouteTable.Resolution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RecordingHandler handler = new RecordingHandler();
    private final RouteTable table = new RouteTable(List.of(
            Route.open("GET", "/v1/client-config", handler),
            Route.authenticated("POST", "/v1/credentials", handler),
            Route.authenticated("GET", "/v1/api-keys", handler),
            Route.authenticated("DELETE", "/v1/api-keys/{id}", handler),
            Route.authenticated("GET", "/v1/api-keys/mine", handler),
            Route.authenticated("GET", "/v1/admin/users/{user}/keys/{keyId}", handler),
            Route.open("GET", "/static/{path+}", handler)));

    @Test
    void resolve_literalPath_findsRouteWithoutParameters() {
        assertThat(table.resolve("POST", "/v1/credentials")).isInstanceOfSatisfying(Resolution.Found.class, found -> {
            assertThat(found.route().routeKey()).isEqualTo("POST /v1/credentials");
            assertThat(found.pathParameters()).isEmpty();
        });
    }

    @Test
    void resolve_templatePath_decodesPathParameters() {
        assertThat(table.resolve("GET", "/v1/admin/users/alice%40example.com/keys/k+1"))
                .isInstanceOfSatisfying(Resolution.Found.class, found -> {
                    assertThat(found.route().routeKey()).isEqualTo("GET /v1/admin/users/{user}/keys/{keyId}");
                    assertThat(found.pathParameters()).containsExactly(
                            Map.entry("user", "alice@example.com"), Map.entry("keyId", "k+1"));
                });
    }

    @Test
    void resolve_literalAndTemplateBothMatch_prefersLiteral() {
        assertThat(table.resolve("GET", "/v1/api-keys/mine"))
                .isInstanceOfSatisfying(Resolution.Found.class, found ->
                        assertThat(found.route().routeKey()).isEqualTo("GET /v1/api-keys/mine"));
    }

    @Test
    void resolve_greedyParameter_takesTheRestOfThePath() {
        assertThat(table.resolve("GET", "/static/css/site.css"))
                .isInstanceOfSatisfying(Resolution.Found.class, found ->
                        assertThat(found.pathParameters()).containsExactly(Map.entry("path", "css/site.css")));
    }

    @Test
    void resolve_pathOfOtherMethods_returnsMethodNotAllowedWithAllowedMethods() {
        assertThat(table.resolve("PUT", "/v1/api-keys/mine"))
                .isEqualTo(new Resolution.MethodNotAllowed(List.of("DELETE", "GET")));
    }

    @Test
    void resolve_unknownPath_returnsNotFound() {
        assertThat(table.resolve("GET", "/v1/nothing")).isEqualTo(new Resolution.NotFound());
    }

    @Test
    void resolve_trailingSlashOrEmptyParameter_returnsNotFound() {
        assertThat(table.resolve("POST", "/v1/credentials/")).isEqualTo(new Resolution.NotFound());
        assertThat(table.resolve("GET", "/v1/admin/users//keys/k1")).isEqualTo(new Resolution.NotFound());
    }

    @Test
    void resolve_malformedPercentEncoding_returnsNotFound() {
        assertThat(table.resolve("DELETE", "/v1/api-keys/%zz")).isEqualTo(new Resolution.NotFound());
    }

    @Test
    void constructor_duplicateRouteKey_throws() {
        List<Route> routes = List.of(Route.open("GET", "/a", handler), Route.authenticated("GET", "/a", handler));

        assertThatThrownBy(() -> new RouteTable(routes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /a");
    }

    @Test
    void route_badTemplates_areRejected() {
        assertThatThrownBy(() -> Route.open("GET", "v1/no-slash", handler)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.open("GET", "/a/{rest+}/b", handler)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.open("GET", "/a/x{id}", handler)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.open("GE T", "/a", handler)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void route_lowerCaseMethod_isNormalised() {
        assertThat(Route.open("get", "/a", handler).routeKey()).isEqualTo("GET /a");
    }
}
