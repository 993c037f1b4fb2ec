package broker.lambda.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.local.LocalBroker;
import broker.lambda.local.LocalBrokerOptions;
import broker.lambda.local.RunningBroker;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The API-key and admin functions over HTTP as the local broker serves them: a real OIDC issuer
 * (mock-oauth2-server), the local server's JWT authorizer and path-parameter routing, the real handlers from
 * {@code KeysWiring}, and the real IAM client against a stateful IAM on WireMock (via {@code BROKER_IAM_ENDPOINT}).
 */
class ApiKeysOverHttpTest {
    static final String AUDIENCE = "bedrock-broker-cli";
    static final String ROLE = "bedrock-broker-users";
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeIam iam = new FakeIam(Instant::now);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(iam)).build();
    MockOAuth2Server oidc;
    RunningBroker server;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        oidc = new MockOAuth2Server();
        oidc.start();
        String issuer = oidc.issuerUrl("default").toString();
        BrokerConfig config = new BrokerConfig("arn:aws:iam::123456789012:role/" + ROLE, "us-east-1",
                EntitlementsDocument.parse("""
                        {"version":1,"groups":{"developers":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
                         "regions":["us-east-1"],"longTermKeys":{"allowed":true,"maxAgeDays":30,"maxKeys":2}}},
                         "adminGroups":["bedrock-admins"]}"""),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer, AUDIENCE, BrokerEnv.DEFAULT_SCOPES, BrokerEnv.DEFAULT_REDIRECT_PORTS, "", ""),
                null, URI.create(wire.baseUrl()), BrokerEnv.DEFAULT_IAM_USER_PATH,
                "arn:aws:iam::123456789012:policy/bedrock-broker-boundary");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret"));
        server = LocalBroker.start(config, new LocalBrokerOptions(0, List.of(AUDIENCE), credentials,
                new PrintStream(OutputStream.nullOutputStream())));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        oidc.shutdown();
    }

    @Test
    void apiKeysAndAdminRoutes_endToEnd_createListRevokeAndDelete() throws Exception {
        String alice = token("alice", List.of("developers"));
        String bob = token("bob", List.of("developers"));
        String root = token("root", List.of("bedrock-admins"));

        HttpResponse<String> created = send("POST", "/v1/api-keys", alice, "{\"ageDays\":7,\"label\":\"laptop\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(json(created).get("secret").asText()).startsWith("ABSK");
        assertThat(iam.user("alice").credentials).hasSize(1);

        HttpResponse<String> listed = send("GET", "/v1/api-keys", alice, null);
        assertThat(json(listed).get("apiKeys")).singleElement()
                .satisfies(k -> assertThat(k.get("id").asText()).isEqualTo(id));
        assertThat(listed.body()).doesNotContain("ABSK");

        assertThat(send("DELETE", "/v1/api-keys/" + id, bob, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/admin/users/alice/api-keys", bob, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/api-keys", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> adminList = send("GET", "/v1/admin/users/alice/api-keys", root, null);
        assertThat(adminList.statusCode()).isEqualTo(200);
        assertThat(json(adminList).get("apiKeys")).hasSize(1);

        HttpResponse<String> revoked = send("POST", "/v1/admin/users/alice/revoke-sessions", root, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME)).contains("*-" + new PrincipalId(oidc.issuerUrl("default").toString(), "alice").hash());

        assertThat(send("DELETE", "/v1/admin/users/alice/api-keys/" + id, root, null).statusCode()).isEqualTo(204);
        assertThat(json(send("GET", "/v1/api-keys", alice, null)).get("apiKeys")).isEmpty();
        assertThat(iam.user("alice").credentials).isEmpty();
    }

    @Test
    void adminRoutes_subjectWithReservedCharacters_isNamedUrlEncoded() throws Exception {
        String carol = token("auth0|carol", List.of("developers"));
        String root = token("root", List.of("bedrock-admins"));
        assertThat(send("POST", "/v1/api-keys", carol, null).statusCode()).isEqualTo(201);

        HttpResponse<String> listed = send("GET", "/v1/admin/users/auth0%7Ccarol/api-keys", root, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).get("apiKeys")).hasSize(1);
        assertThat(iam.users()).hasSize(1).allSatisfy((name, user) -> assertThat(user.name).startsWith("auth0_carol-"));
    }

    private String token(String subject, List<String> groups) {
        return oidc.issueToken("default", "cli", new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of(AUDIENCE),
                Map.of("email", subject + "@example.com", "email_verified", true, "groups", groups), 600)).serialize();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
