package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The OpenAPI document against the real answers of every route the local broker serves: the real handlers, a real
 * OIDC issuer (mock-oauth2-server), the real STS and IAM clients against WireMock. Every answer any test here gets
 * must be documented for its route (status, content type, required headers) and its body must match the documented
 * schema. The route list comes from the local broker itself, so a route added there is swept here automatically and
 * fails the build until the document describes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["%s","%s"],"regions":["us-east-1","us-west-2"],
                                     "maxSessionSeconds":3600,"shortTermKeys":true,
                                     "longTermKeys":{"allowed":true,"maxAgeDays":30,"maxKeys":1}},
                       "readers":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":1800}},
             "adminGroups":["bedrock-admins"]}""".formatted(SONNET, HAIKU, HAIKU);
    static final FakeIam IAM_STATE = new FakeIam(Instant::now);

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension IAM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(IAM_STATE)).build();

    @TempDir
    static Path dir;

    static OidcFixture oidc;
    static HttpClient http;
    static RunningBroker broker;
    static List<Route> served;
    static OpenApiContract contract;
    /** {@code "<route key> <status>"} of every answer checked against the document. */
    static final Set<String> checked = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        oidc = new OidcFixture();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path entitlements = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        var config = new BrokerConfig(ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(oidc.issuer(), OidcFixture.AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, SONNET, HAIKU, "bedrock-broker-portal"),
                URI.create(STS.baseUrl()), URI.create(IAM.baseUrl()), BrokerEnv.DEFAULT_IAM_USER_PATH, BOUNDARY);
        AwsCredentialsProvider aws = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBROKER", "broker-secret"));
        served = LocalBroker.routes(config, aws);
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE), aws,
                new PrintStream(OutputStream.nullOutputStream())));
        contract = new OpenApiContract(JSON.readTree(send("GET", "/v1/openapi.json", null, null, null).body()));
    }

    @AfterAll
    static void stop() {
        broker.close();
        http.close();
        oidc.close();
    }

    @BeforeEach
    void stubs() {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody(BrokerApiTest.assumeRoleResponse(Instant.now().plusSeconds(1800)))));
        IAM.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
    }

    @Test
    @Order(1)
    void document_describesExactlyTheRoutesTheLocalBrokerServes() {
        assertThat(contract.routeKeys()).containsExactlyInAnyOrderElementsOf(served.stream().map(Route::routeKey).toList());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyServedRoute_answersAsDocumented_withAndWithoutAToken() {
        String developer = token("sweeper", List.of("developers"));
        return served.stream().flatMap(route -> {
            String path = route.pathTemplate().replaceAll("\\{[^}]+}", "sample");
            String body = route.method().equals("POST") ? "{}" : null;
            return Stream.of(
                    DynamicTest.dynamicTest(route.routeKey() + " without a token", () -> {
                        var response = check(route.routeKey(), send(route.method(), path, null, body, "application/json"));
                        if (route.authenticated()) assertThat(response.statusCode()).isEqualTo(401);
                    }),
                    DynamicTest.dynamicTest(route.routeKey() + " as a developer", () ->
                            check(route.routeKey(), send(route.method(), path, developer, body, "application/json"))));
        });
    }

    @Test
    @Order(3)
    void publicRoutes_answerAsDocumented() throws Exception {
        expect("GET /v1/client-config", "GET", "/v1/client-config", null, null, 200);
        expect("GET /v1/openapi.json", "GET", "/v1/openapi.json", null, null, 200);
        var page = expect("GET /portal", "GET", "/portal", null, null, 200);
        assertThat(page.body()).contains("<main");
        expect("GET /portal/{asset}", "GET", "/portal/portal.js", null, null, 200);
        expect("GET /portal/{asset}", "GET", "/portal/portal.css", null, null, 200);
        assertProblem(expect("GET /portal/{asset}", "GET", "/portal/secrets.txt", null, null, 404), "not-found");
    }

    @Test
    @Order(3)
    void me_answersAsDocumented_withAndWithoutAnEntitlement() throws Exception {
        var developer = expect("GET /v1/me", "GET", "/v1/me", token("dora", List.of("developers")), null, 200);
        assertThat(json(developer).path("entitlement").path("longTermKeys").path("allowed").asBoolean()).isTrue();
        var outsider = expect("GET /v1/me", "GET", "/v1/me", token("otto", List.of("sales")), null, 200);
        assertThat(json(outsider).has("entitlement")).isFalse();
    }

    @Test
    @Order(3)
    void adminUsage_answersAsDocumented_forAdminsAndOthers() throws Exception {
        String route = "GET /v1/admin/usage";
        String admin = token("ada", List.of("bedrock-admins"));
        expect(route, "GET", "/v1/admin/usage?month=2026-11&group=developers", admin, null, 200);
        assertProblem(expect(route, "GET", "/v1/admin/usage?month=november", admin, null, 400), "invalid-field");
        assertProblem(expect(route, "GET", "/v1/admin/usage", token("dora", List.of("developers")), null, 403),
                "admin-required");
    }

    @Test
    @Order(3)
    void credentials_everyRefusal_isADocumentedProblem() throws Exception {
        String developer = token("dora", List.of("developers"));
        String route = "POST /v1/credentials";
        expect(route, "POST", "/v1/credentials", developer, "{\"durationSeconds\":900,\"region\":\"us-west-2\"}", 200);
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"durationSeconds\":60}", 400), "invalid-duration");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"region\":\"eu-north-1\"}", 400), "region-not-allowed");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"models\":[\"amazon.nova-pro-v1:0\"]}", 400),
                "model-not-allowed");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"colour\":\"blue\"}", 400), "unknown-field");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"durationSeconds\":\"900\"}", 400), "invalid-field");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"region\":", 400), "malformed-json");
        assertProblem(check(route, send("POST", "/v1/credentials", developer, "{}", "text/plain")), "unsupported-media-type");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"region\":\"" + "x".repeat(20_000) + "\"}", 413),
                "payload-too-large");
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{\"region\":\"" + "x".repeat(70_000) + "\"}", 413),
                "payload-too-large");
        assertProblem(expect(route, "POST", "/v1/credentials", token("otto", List.of("sales")), "{}", 403), "not-entitled");
        assertProblem(expect(route, "POST", "/v1/credentials", "not.a.jwt", "{}", 401), "unauthorized");
    }

    @Test
    @Order(3)
    void credentials_whenStsFails_answersDocumentedUpstreamProblems() throws Exception {
        String developer = token("dora", List.of("developers"));
        String route = "POST /v1/credentials";
        STS.stubFor(post(urlEqualTo("/")).willReturn(BrokerApiTest.stsError(400, "Throttling", "Rate exceeded")));
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{}", 429), "throttled");
        STS.stubFor(post(urlEqualTo("/")).willReturn(BrokerApiTest.stsError(503, "ServiceUnavailable", "Unavailable")));
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{}", 503), "upstream-unavailable");
        STS.stubFor(post(urlEqualTo("/")).willReturn(BrokerApiTest.stsError(403, "AccessDenied", "not authorized")));
        assertProblem(expect(route, "POST", "/v1/credentials", developer, "{}", 502), "upstream-refused");
    }

    @Test
    @Order(3)
    void bearerTokens_answerAsDocumented() throws Exception {
        String route = "POST /v1/bearer-tokens";
        var issued = expect(route, "POST", "/v1/bearer-tokens", token("dora", List.of("developers")), "{\"region\":\"us-east-1\"}", 200);
        assertThat(json(issued).path("token").asText()).startsWith("bedrock-api-key-");
        assertProblem(expect(route, "POST", "/v1/bearer-tokens", token("rita", List.of("readers")), "{}", 403), "not-entitled");
    }

    @Test
    @Order(3)
    void apiKeys_createListLimitAndDelete_answerAsDocumented() throws Exception {
        String kim = token("kim", List.of("developers"));
        var created = expect("POST /v1/api-keys", "POST", "/v1/api-keys", kim, "{\"ageDays\":7,\"label\":\"laptop\"}", 201);
        String id = json(created).path("id").asText();
        assertProblem(expect("POST /v1/api-keys", "POST", "/v1/api-keys", kim, "{}", 409), "api-key-limit");
        assertProblem(expect("POST /v1/api-keys", "POST", "/v1/api-keys", kim, "{\"ageDays\":365}", 400), "invalid-age");
        assertProblem(expect("POST /v1/api-keys", "POST", "/v1/api-keys", kim, "{\"label\":\"tab\\there\"}", 400), "invalid-field");
        assertProblem(expect("POST /v1/api-keys", "POST", "/v1/api-keys", token("rita", List.of("readers")), "{}", 403),
                "not-entitled");

        var listed = expect("GET /v1/api-keys", "GET", "/v1/api-keys", kim, null, 200);
        assertThat(json(listed).path("apiKeys")).singleElement().satisfies(key -> assertThat(key.has("secret")).isFalse());

        assertProblem(expect("DELETE /v1/api-keys/{id}", "DELETE", "/v1/api-keys/" + id, token("mallory", List.of("developers")),
                null, 404), "api-key-not-found");
        expect("DELETE /v1/api-keys/{id}", "DELETE", "/v1/api-keys/" + id, kim, null, 204);
    }

    @Test
    @Order(3)
    void adminBudgetOverride_answersAsDocumented() throws Exception {
        String root = token("root", List.of("bedrock-admins"));
        String bea = token("bea", List.of("developers"));
        expect("POST /v1/credentials", "POST", "/v1/credentials", bea, "{}", 200);
        String route = "PUT /v1/admin/users/{user}/budget";

        expect(route, "PUT", "/v1/admin/users/bea/budget", root,
                "{\"dailyUsd\":5,\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}", 200);
        assertProblem(expect(route, "PUT", "/v1/admin/users/bea/budget", root, "{\"dailyUsd\":0}", 400), "invalid-field");
        assertProblem(expect(route, "PUT", "/v1/admin/users/bea/budget", bea,
                "{\"unlimited\":true,\"expiresAt\":\"" + Instant.now().plusSeconds(60) + "\"}", 403), "admin-required");
    }

    @Test
    @Order(3)
    void adminRoutes_answerAsDocumented() throws Exception {
        String root = token("root", List.of("bedrock-admins"));
        String ann = token("ann", List.of("developers"));
        String id = json(expect("POST /v1/api-keys", "POST", "/v1/api-keys", ann, "{}", 201)).path("id").asText();

        expect("GET /v1/admin/users/{user}/api-keys", "GET", "/v1/admin/users/ann/api-keys", root, null, 200);
        assertProblem(expect("GET /v1/admin/users/{user}/api-keys", "GET", "/v1/admin/users/ann/api-keys", ann, null, 403),
                "admin-required");
        assertProblem(expect("GET /v1/admin/users/{user}/api-keys", "GET", "/v1/admin/users/" + "u".repeat(1100) + "/api-keys",
                root, null, 400), "invalid-field");
        expect("POST /v1/admin/users/{user}/revoke-sessions", "POST", "/v1/admin/users/ann/revoke-sessions", root, null, 200);
        assertProblem(expect("POST /v1/admin/users/{user}/revoke-sessions", "POST", "/v1/admin/users/nobody/revoke-sessions",
                root, null, 404), "person-not-found");
        expect("POST /v1/admin/revoke-all-sessions", "POST", "/v1/admin/revoke-all-sessions", root, null, 200);
        expect("DELETE /v1/admin/users/{user}/api-keys/{id}", "DELETE", "/v1/admin/users/ann/api-keys/" + id, root, null, 204);
        assertProblem(expect("DELETE /v1/admin/users/{user}/api-keys/{id}", "DELETE", "/v1/admin/users/ann/api-keys/" + id,
                root, null, 404), "api-key-not-found");
    }

    @Test
    @Order(3)
    void apiKeys_whenIamThrottles_answerADocumentedProblem() throws Exception {
        IAM.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                          <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
                          <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
                        </ErrorResponse>""")));

        assertProblem(expect("GET /v1/api-keys", "GET", "/v1/api-keys", token("tim", List.of("developers")), null, 429), "throttled");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyServedRoute_hadASuccessfulAnswerCheckedAgainstTheDocument() {
        for (Route route : served) {
            assertThat(checked).as("a 2xx answer of " + route.routeKey() + " was checked")
                    .anyMatch(entry -> entry.matches("\\Q" + route.routeKey() + "\\E 2\\d\\d"));
        }
    }

    /** Sends, asserts the status, and checks the answer against the document. */
    static HttpResponse<String> expect(String routeKey, String method, String path, String token, String body, int status)
            throws Exception {
        var response = check(routeKey, send(method, path, token, body, "application/json"));
        assertThat(response.statusCode()).as("%s %s -> %s", method, path, response.body()).isEqualTo(status);
        return response;
    }

    static HttpResponse<String> check(String routeKey, HttpResponse<String> response) {
        assertThat(contract.violations(routeKey, response.statusCode(), response.headers().map(), response.body()))
                .as("answer %d of %s: %s", response.statusCode(), routeKey, response.body()).isEmpty();
        checked.add(routeKey + " " + response.statusCode());
        return response;
    }

    static void assertProblem(HttpResponse<String> response, String slug) throws Exception {
        assertThat(json(response).path("type").asText()).isEqualTo("https://bedrock-broker.dev/problems/" + slug);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String token(String subject, List<String> groups) {
        return oidc.server().issueToken(OidcFixture.ISSUER_ID, "cli", new DefaultOAuth2TokenCallback(OidcFixture.ISSUER_ID,
                subject, "JWT", List.of(OidcFixture.AUDIENCE), Map.of("email", subject + "@example.com", "email_verified", true, "groups", groups),
                600)).serialize();
    }

    static HttpResponse<String> send(String method, String path, String token, String body, String contentType)
            throws Exception {
        var request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
