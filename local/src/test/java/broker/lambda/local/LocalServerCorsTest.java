package broker.lambda.local;

import broker.lambda.authorizer.Authorizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.authorizer.AuthorizationResult.Authorized;
import broker.lambda.authorizer.AuthorizationResult.Unauthorized;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS as the stack's HTTP API does it: preflights answered by the server, allowed origins echoed, never {@code *}. */
class LocalServerCorsTest {
    static final String PORTAL = "https://portal.example.com";
    static final RecordingHandler handler = new RecordingHandler();
    static LocalServer withCors;
    static LocalServer withoutCors;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        Authorizer authorizer = header -> "Bearer good.to.ken".equals(header)
                ? new Authorized(Map.of("sub", "alice"), List.of()) : new Unauthorized("test");
        List<Route> routes = List.of(Route.open("GET", "/v1/client-config", handler),
                Route.authenticated("GET", "/v1/me", handler), Route.authenticated("DELETE", "/v1/api-keys/{id}", handler));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        withCors = new LocalServer(routes, authorizer, 0, quiet, new Cors(List.of(PORTAL, "http://localhost:3000")));
        withoutCors = new LocalServer(routes, authorizer, 0, quiet);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        withCors.close();
        withoutCors.close();
    }

    @BeforeEach
    void reset() {
        handler.reset();
    }

    static HttpResponse<String> send(LocalServer server, String method, String path, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> preflight(LocalServer server, String origin, String method) throws Exception {
        return send(server, "OPTIONS", "/v1/api-keys/ACCA1", Map.of("Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization,content-type"));
    }

    @Test
    void preflight_allowedOrigin_answers204WithTheStacksRules_withoutCallingAHandler() throws Exception {
        var response = preflight(withCors, PORTAL, "DELETE");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(PORTAL);
        assertThat(response.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST,DELETE");
        assertThat(response.headers().firstValue("access-control-allow-headers")).hasValue("authorization,content-type");
        assertThat(response.headers().firstValue("access-control-max-age")).hasValue("3600");
        assertThat(response.headers().allValues("vary")).contains("Origin");
        assertThat(response.headers().firstValue("access-control-allow-credentials")).isEmpty();
        assertThat(handler.events()).isEmpty();
    }

    @Test
    void preflight_otherOrigin_getsNoCorsHeaders() throws Exception {
        var response = preflight(withCors, "https://evil.example.com", "GET");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void preflight_withoutCorsConfigured_isAnOrdinaryOptionsRequest() throws Exception {
        var response = preflight(withoutCors, PORTAL, "DELETE");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void request_allowedOrigin_echoesItNeverAWildcard() throws Exception {
        var response = send(withCors, "GET", "/v1/client-config", Map.of("Origin", "http://localhost:3000"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("access-control-allow-origin")).containsExactly("http://localhost:3000");
        assertThat(response.headers().allValues("vary")).contains("Origin");
    }

    @Test
    void request_refusedByTheAuthorizer_stillCarriesCorsHeaders_soThePageCanReadTheProblem() throws Exception {
        var response = send(withCors, "GET", "/v1/me", Map.of("Origin", PORTAL));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(PORTAL);
    }

    @Test
    void request_otherOrigin_getsNoAllowOrigin_butVary() throws Exception {
        var response = send(withCors, "GET", "/v1/client-config", Map.of("Origin", "https://portal.example.com.evil.net"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(response.headers().allValues("vary")).contains("Origin");
    }

    @Test
    void request_withoutCorsConfigured_getsNoCorsHeaders() throws Exception {
        var response = send(withoutCors, "GET", "/v1/client-config", Map.of("Origin", PORTAL));

        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(response.headers().firstValue("vary")).isEmpty();
    }

    @Test
    void cors_normalizesOriginsAndMatchesBrowsersLowerCaseOrigin() {
        Cors cors = new Cors(List.of("HTTPS://Portal.Example.com", "https://portal.example.com"));

        assertThat(cors.allowedOrigins()).containsExactly(PORTAL);
        assertThat(cors.allowed(PORTAL)).hasValue(PORTAL);
        assertThat(cors.allowed("https://portal.example.com:8443")).isEmpty();
        assertThat(cors.allowed(null)).isEmpty();
        assertThat(Cors.NONE.enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://portal.example.com/app", "https://portal.example.com?x=1", "portal.example.com",
            "ftp://portal.example.com", "null", "https://user@portal.example.com"})
    void cors_originThatIsNotSchemeHostPort_isRejected(String origin) {
        assertThatThrownBy(() -> new Cors(List.of(origin))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no wildcard");
    }
}
