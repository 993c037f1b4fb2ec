package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Every route of the credentials and public functions through the local broker: real tokens from
 * mock-oauth2-server, the real STS client against WireMock speaking the STS Query/XML protocol.
 * Asserts what STS received and what the caller got, one test per problem type.
 */
class BrokerApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["%s","%s"],"regions":["us-east-1","us-west-2"],
                                     "maxSessionSeconds":3600,"shortTermKeys":true},
                       "readers":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":1800}}}"""
            .formatted(SONNET, HAIKU, HAIKU);

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;

    static OidcFixture oidc;
    static HttpClient http;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        oidc = new OidcFixture();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path entitlements = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        var config = new BrokerConfig(ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(oidc.issuer(), OidcFixture.AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, SONNET, HAIKU),
                URI.create(STS.baseUrl()), null);
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBROKER", "broker-secret")),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    static void stop() {
        broker.close();
        http.close();
        oidc.close();
    }

    @BeforeEach
    void stsAnswersWithCredentials() {
        STS.resetAll();
        STS.stubFor(WireMock.post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody(assumeRoleResponse(Instant.now().plusSeconds(1800)))));
    }

    String developer() {
        return oidc.token(Map.of("email", "alice@example.com", "groups", List.of("developers", "staff")));
    }

    @Test
    void credentials_sendsStsEveryParameterAndAnswersTheCredentials() throws Exception {
        var response = post("/v1/credentials", developer(), "{\"durationSeconds\":1800,\"region\":\"us-west-2\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("accessKeyId").asText()).isEqualTo("ASIAIOSFODNN7EXAMPLE");
        assertThat(body.get("secretAccessKey").asText()).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
        assertThat(body.get("sessionToken").asText()).startsWith("AQoDYXdzEPT");
        assertThat(Instant.parse(body.get("expiration").asText())).isAfter(Instant.now());
        assertThat(body.get("region").asText()).isEqualTo("us-west-2");

        Map<String, String> sent = onlyStsRequest();
        assertThat(sent).containsEntry("Action", "AssumeRole").containsEntry("Version", "2011-06-15")
                .containsEntry("RoleArn", ROLE_ARN).containsEntry("DurationSeconds", "1800");
        assertThat(sent.get("RoleSessionName")).matches("[\\w+=,.@-]{2,64}").startsWith("alice@example.com-");
        assertThat(sent.get("SourceIdentity")).isEqualTo(sent.get("RoleSessionName"));
        Map<String, String> tags = tags(sent);
        assertThat(tags).containsEntry("user", "alice@example.com").containsEntry("email", "alice@example.com")
                .containsEntry("subject", "alice").containsEntry("groups", "developers:staff");
        JsonNode policy = JSON.readTree(sent.get("Policy"));
        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(sent.get("Policy")).contains(SONNET, HAIKU, "bedrock:InvokeModel").doesNotContain("CallWithBearerToken")
                .doesNotContain("us-east-1");
    }

    @Test
    void credentials_emptyBody_usesTheEntitlementMaximumDuration() throws Exception {
        var response = post("/v1/credentials", developer(), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("region").asText()).isEqualTo("us-east-1");
        assertThat(onlyStsRequest()).containsEntry("DurationSeconds", "3600");
    }

    @Test
    void bearerTokens_answersAPresignedKeyForOneRegion() throws Exception {
        var response = post("/v1/bearer-tokens", developer(), "{\"region\":\"us-west-2\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        String token = body.get("token").asText();
        assertThat(token).startsWith("bedrock-api-key-");
        String url = new String(Base64.getDecoder().decode(token.substring("bedrock-api-key-".length())), StandardCharsets.UTF_8);
        assertThat(url).startsWith("bedrock.amazonaws.com/?Action=CallWithBearerToken&")
                .contains("X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F", "%2Fus-west-2%2Fbedrock%2Faws4_request")
                .endsWith("&Version=1");
        assertThat(body.get("region").asText()).isEqualTo("us-west-2");
        assertThat(Instant.parse(body.get("expiration").asText())).isBefore(Instant.now().plusSeconds(1801));
        assertThat(onlyStsRequest().get("Policy")).contains("bedrock:CallWithBearerToken", "SHORT_TERM");
    }

    @Test
    void me_answersIdentityAndEntitlementWithoutCallingSts() throws Exception {
        var response = get("/v1/me", developer());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("subject").asText()).isEqualTo("alice");
        assertThat(body.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(body.get("groups")).extracting(JsonNode::asText).containsExactly("developers", "staff");
        assertThat(body.at("/entitlement/shortTermKeys").asBoolean()).isTrue();
        assertThat(body.at("/entitlement/models")).extracting(JsonNode::asText).contains(SONNET, HAIKU);
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    /** The document has no default profile: no model is one every signed-in user may use, so none is recommended. */
    @Test
    void clientConfig_isPublic() throws Exception {
        var response = get("/v1/client-config", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("issuer").asText()).isEqualTo(oidc.issuer());
        assertThat(body.get("clientId").asText()).isEqualTo(OidcFixture.AUDIENCE);
        assertThat(body.at("/models/primary").asText()).isEmpty();
        assertThat(body.at("/models/fast").asText()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"durationSeconds":                            | 400 | malformed-json
            {"durationSeconds":900,"regoin":"us-east-1"}   | 400 | unknown-field
            {"durationSeconds":"900"}                      | 400 | invalid-field
            {"durationSeconds":60}                         | 400 | invalid-duration
            {"region":"eu-west-1"}                         | 400 | region-not-allowed
            {"models":["anthropic.claude-opus-4-1-20250805-v1:0"]} | 400 | model-not-allowed
            """)
    void credentials_badRequest_answersProblemAndNeverCallsSts(String body, int status, String slug) throws Exception {
        assertProblem(post("/v1/credentials", developer(), body), status, slug);
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void credentials_textBody_answersUnsupportedMediaType() throws Exception {
        var request = HttpRequest.newBuilder(broker.baseUri().resolve("/v1/credentials"))
                .header("Authorization", "Bearer " + developer()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("region=us-east-1")).build();

        assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "unsupported-media-type");
    }

    @Test
    void credentials_hugeBody_answersPayloadTooLarge() throws Exception {
        assertProblem(post("/v1/credentials", developer(), "{\"region\":\"" + "x".repeat(70_000) + "\"}"), 413, "payload-too-large");
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void bearerTokens_withoutShortTermKeys_answersNotEntitled() throws Exception {
        String reader = oidc.token(Map.of("email", "bob@example.com", "groups", List.of("readers")));

        assertProblem(post("/v1/bearer-tokens", reader, "{}"), 403, "not-entitled");
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void credentials_userInNoEntitledGroup_answersNotEntitled() throws Exception {
        String outsider = oidc.token(Map.of("email", "eve@example.com", "groups", List.of("sales")));

        assertProblem(post("/v1/credentials", outsider, "{}"), 403, "not-entitled");
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    static Stream<OidcFixture.BadToken> badTokens() {
        return Stream.concat(oidc.badTokens().stream(), Stream.of(
                new OidcFixture.BadToken("missing token", null),
                new OidcFixture.BadToken("garbage token", "not.a.jwt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void credentials_badToken_answersUnauthorizedAndNeverCallsSts(OidcFixture.BadToken bad) throws Exception {
        var response = post("/v1/credentials", bad.token(), "{}");

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        STS.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void unknownPath_answersNotFound() throws Exception {
        assertProblem(get("/v1/nothing", developer()), 404, "not-found");
    }

    @Test
    void wrongMethod_answersMethodNotAllowed() throws Exception {
        var response = get("/v1/credentials", developer());

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("allow")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
    }

    @Test
    void credentials_whenStsThrottlesEveryAttempt_answers429WithRetryAfter() throws Exception {
        STS.stubFor(WireMock.post(urlEqualTo("/")).willReturn(stsError(400, "Throttling", "Rate exceeded")));

        var response = post("/v1/credentials", developer(), "{}");

        assertProblem(response, 429, "throttled");
        assertThat(response.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        STS.verify(3, postRequestedFor(urlEqualTo("/"))); // the SDK's retries, within the time budget
    }

    @Test
    void credentials_whenStsFails_answers503WithRetryAfter() throws Exception {
        STS.stubFor(WireMock.post(urlEqualTo("/")).willReturn(stsError(503, "ServiceUnavailable", "Service unavailable")));

        var response = post("/v1/credentials", developer(), "{}");

        assertProblem(response, 503, "upstream-unavailable");
        assertThat(response.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void credentials_whenStsDeniesTheBroker_answers502WithoutAwsDetails() throws Exception {
        STS.stubFor(WireMock.post(urlEqualTo("/")).willReturn(stsError(403, "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/broker is not authorized to perform: sts:AssumeRole")));

        var response = post("/v1/credentials", developer(), "{}");

        assertProblem(response, 502, "upstream-refused");
        assertThat(response.body()).doesNotContain("arn:aws", "AccessDenied", "not authorized");
        STS.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    void assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("https://bedrock-broker.dev/problems/" + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    Map<String, String> onlyStsRequest() {
        var requests = STS.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : requests.getFirst().getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    static Map<String, String> tags(Map<String, String> form) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
            tags.put(form.get("Tags.member." + i + ".Key"), form.get("Tags.member." + i + ".Value"));
        }
        return tags;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stsError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                </ErrorResponse>""".formatted(code, message));
    }

    static String assumeRoleResponse(Instant expiration) {
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <SourceIdentity>alice</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-users/alice</Arn>
                      <AssumedRoleId>ARO123EXAMPLE123:alice</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""".formatted(expiration.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
