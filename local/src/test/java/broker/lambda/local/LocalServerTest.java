package broker.lambda.local;

import broker.lambda.authorizer.JwtAuthorizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.local.OidcFixture.BadToken;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingHandler publicHandler = new RecordingHandler();
    private static final RecordingHandler credentialsHandler = new RecordingHandler();
    private static final RecordingHandler apiKeysHandler = new RecordingHandler();
    private static final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    private static OidcFixture oidc;
    private static JwtAuthorizer authorizer;
    private static LocalServer server;
    private static HttpClient client;
    private static List<BadToken> badTokens;

    @BeforeAll
    static void start() throws IOException {
        oidc = new OidcFixture();
        authorizer = new JwtAuthorizer(oidc.issuer(), List.of(OidcFixture.AUDIENCE));
        server = new LocalServer(List.of(
                Route.open("GET", "/v1/client-config", publicHandler),
                Route.authenticated("GET", "/v1/me", credentialsHandler),
                Route.authenticated("POST", "/v1/credentials", credentialsHandler),
                Route.authenticated("GET", "/v1/api-keys", apiKeysHandler),
                Route.authenticated("DELETE", "/v1/api-keys/{id}", apiKeysHandler)),
                authorizer, 0, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        badTokens = oidc.badTokens();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        authorizer.close();
        oidc.close();
    }

    @BeforeEach
    void resetHandlers() {
        publicHandler.reset();
        credentialsHandler.reset();
        apiKeysHandler.reset();
        publicHandler.answer(LocalServerTest::ok);
        credentialsHandler.answer(LocalServerTest::ok);
        apiKeysHandler.answer(LocalServerTest::ok);
    }

    static List<BadToken> badTokens() {
        return badTokens;
    }

    static Stream<Arguments> badAuthorizationHeaders() {
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("Basic scheme", "Basic YWxpY2U6c2VjcmV0"),
                Arguments.of("scheme without token", "Bearer"),
                Arguments.of("token that is not a JWT", "Bearer not-a-jwt"),
                Arguments.of("two tokens", "Bearer a.b.c d.e.f"));
    }

    @Test
    void serve_validToken_callsHandlerWithTheApiGatewayEvent() throws Exception {
        String token = oidc.token(Map.of("groups", List.of("a", "b", "c"), "email", "alice@example.com"));
        Instant before = Instant.now();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/credentials?durationSeconds=900&model=m1&model=m2"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("User-Agent", "bedrock-broker-test/1.0")
                .header("X-Trace", "t1")
                .header("X-Trace", "t2")
                .header("Cookie", "session=abc; theme=dark")
                .POST(HttpRequest.BodyPublishers.ofString("{\"durationSeconds\":900}")));

        assertThat(response.statusCode()).isEqualTo(200);
        APIGatewayV2HTTPEvent event = credentialsHandler.onlyEvent();
        assertThat(event.getRouteKey()).isEqualTo("POST /v1/credentials");
        assertThat(event.getRawPath()).isEqualTo("/v1/credentials");
        assertThat(event.getRawQueryString()).isEqualTo("durationSeconds=900&model=m1&model=m2");
        assertThat(event.getQueryStringParameters()).containsEntry("durationSeconds", "900").containsEntry("model", "m1,m2");
        assertThat(event.getHeaders())
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "bedrock-broker-test/1.0")
                .containsEntry("x-trace", "t1,t2")
                .doesNotContainKey("cookie");
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(event.getBody()).isEqualTo("{\"durationSeconds\":900}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        var context = event.getRequestContext();
        assertThat(context.getHttp().getMethod()).isEqualTo("POST");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("bedrock-broker-test/1.0");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRequestId()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.getTimeEpoch()).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(context.getAuthorizer().getJwt().getClaims())
                .containsEntry("sub", "alice")
                .containsEntry("groups", "[a b c]")
                .containsEntry("email", "alice@example.com");
        assertThat(credentialsHandler.onlyContext().getAwsRequestId()).isEqualTo(context.getRequestId());
        assertThat(credentialsHandler.onlyContext().getRemainingTimeInMillis()).isPositive();
    }

    @Test
    void serve_templateRoute_fillsPathParameters() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/api-keys/key%2D42"))
                .header("Authorization", "Bearer " + oidc.token(Map.of()))
                .DELETE());

        assertThat(response.statusCode()).isEqualTo(200);
        APIGatewayV2HTTPEvent event = apiKeysHandler.onlyEvent();
        assertThat(event.getRouteKey()).isEqualTo("DELETE /v1/api-keys/{id}");
        assertThat(event.getPathParameters()).containsExactly(Map.entry("id", "key-42"));
        assertThat(credentialsHandler.events()).isEmpty();
    }

    @Test
    void serve_openRoute_callsHandlerWithoutToken() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/client-config")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(publicHandler.onlyEvent().getRequestContext().getAuthorizer()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void serve_badToken_answers401ProblemAndSkipsHandler(BadToken bad) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/me"))
                .header("Authorization", "Bearer " + bad.token()).GET());

        assertUnauthorized(response);
        assertThat(logText()).doesNotContain(bad.token().split("\\.")[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizationHeaders")
    void serve_missingOrMalformedAuthorization_answers401ProblemAndSkipsHandler(String name, String header)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/credentials"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (header != null) request.header("Authorization", header);

        assertUnauthorized(send(request));
    }

    @Test
    void serve_twoAuthorizationHeaders_answers401AndSkipsHandler() throws Exception {
        String token = oidc.token(Map.of());

        assertUnauthorized(send(HttpRequest.newBuilder(uri("/v1/me"))
                .header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token)
                .GET()));
    }

    @Test
    void serve_validToken_logNeverContainsTheToken() throws Exception {
        String token = oidc.token(Map.of());

        send(HttpRequest.newBuilder(uri("/v1/me")).header("Authorization", "Bearer " + token).GET());

        assertThat(logText()).contains("GET /v1/me -> 200").doesNotContain(token.split("\\.")[1])
                .doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void serve_unknownPath_answers404Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/unknown")).GET());

        assertProblem(response, 404, "https://bedrock-broker.dev/problems/not-found");
    }

    @Test
    void serve_wrongMethod_answers405ProblemWithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/credentials"))
                .header("Authorization", "Bearer " + oidc.token(Map.of())).GET());

        assertProblem(response, 405, "https://bedrock-broker.dev/problems/method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).contains("POST");
        assertThat(credentialsHandler.events()).isEmpty();
    }

    @Test
    void serve_bodyOver64KB_answers413ProblemAndSkipsHandler() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/credentials"))
                .header("Authorization", "Bearer " + oidc.token(Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(IncomingRequest.MAX_BODY_BYTES) + "\"")));

        assertProblem(response, 413, "https://bedrock-broker.dev/problems/payload-too-large");
        assertThat(credentialsHandler.events()).isEmpty();
    }

    @Test
    void serve_chunkedBodyOver64KB_answers413ProblemAndSkipsHandler() throws Exception {
        byte[] chunk = new byte[8192];
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) chunks.add(chunk);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/credentials"))
                .header("Authorization", "Bearer " + oidc.token(Map.of()))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)));

        assertProblem(response, 413, "https://bedrock-broker.dev/problems/payload-too-large");
        assertThat(credentialsHandler.events()).isEmpty();
    }

    @Test
    void serve_binaryBody_reachesHandlerBase64Encoded() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xff};

        send(HttpRequest.newBuilder(uri("/v1/credentials"))
                .header("Authorization", "Bearer " + oidc.token(Map.of()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        APIGatewayV2HTTPEvent event = credentialsHandler.onlyEvent();
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
    }

    @Test
    void serve_handlerThrows_answers500ProblemWithRequestIdOnly() throws Exception {
        credentialsHandler.answer(event -> {
            throw new IllegalStateException("internal detail arn:aws:iam::123456789012:role/secret");
        });

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/me"))
                .header("Authorization", "Bearer " + oidc.token(Map.of())).GET());

        JsonNode problem = assertProblem(response, 500, "https://bedrock-broker.dev/problems/internal-error");
        assertThat(response.body()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
        assertThat(problem.path("instance").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(logText()).contains(problem.path("instance").asText() + " handler RecordingHandler failed");
    }

    @Test
    void serve_handlerReturnsNull_answers500Problem() throws Exception {
        credentialsHandler.answer(event -> null);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/me"))
                .header("Authorization", "Bearer " + oidc.token(Map.of())).GET());

        assertProblem(response, 500, "https://bedrock-broker.dev/problems/internal-error");
    }

    @Test
    void serve_handlerResponse_writesStatusHeadersCookiesAndDecodedBody() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xff};
        credentialsHandler.answer(event -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/octet-stream", "X-One", "1"))
                .withMultiValueHeaders(Map.of("X-Many", List.of("a", "b")))
                .withCookies(List.of("c1=v1; HttpOnly", "c2=v2"))
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .build());

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/v1/me"))
                .header("Authorization", "Bearer " + oidc.token(Map.of())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-One")).contains("1");
        assertThat(response.headers().allValues("X-Many")).containsExactly("a", "b");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("c1=v1; HttpOnly", "c2=v2");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void constructor_portZero_bindsAFreeLoopbackPort() throws IOException {
        try (LocalServer other = new LocalServer(List.of(Route.open("GET", "/x", publicHandler)), header -> null, 0,
                new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(other.port()).isPositive().isNotEqualTo(server.port());
            assertThat(other.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + other.port()));
        }
    }

    @Test
    void constructor_portInUse_throwsBindException() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new LocalServer(List.of(Route.open("GET", "/x", publicHandler)),
                    header -> null, taken.getLocalPort()))
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void close_runningServer_stopsAcceptingConnections() throws IOException {
        LocalServer other = new LocalServer(List.of(Route.open("GET", "/x", publicHandler)), header -> null, 0,
                new PrintStream(OutputStream.nullOutputStream()));
        URI uri = other.baseUri().resolve("/x");

        other.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void serve_authorizerThatThrows_failsClosedWith401() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (LocalServer other = new LocalServer(List.of(Route.authenticated("GET", "/x", handler)), header -> {
            throw new IllegalStateException("bug");
        }, 0, new PrintStream(OutputStream.nullOutputStream()))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(other.baseUri().resolve("/x"))
                    .header("Authorization", "Bearer a.b.c").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(handler.events()).isEmpty();
        }
    }

    private void assertUnauthorized(HttpResponse<String> response) throws IOException {
        JsonNode problem = assertProblem(response, 401, "https://bedrock-broker.dev/problems/unauthorized");
        assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(credentialsHandler.events()).isEmpty();
        assertThat(apiKeysHandler.events()).isEmpty();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String pathAndQuery) {
        return server.baseUri().resolve(pathAndQuery);
    }

    private static String logText() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPEvent event) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();
    }
}
