package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.testing.Principals;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsRoutesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0","anthropic.claude-haiku-4-5-20251001-v1:0"],
                                     "regions":["us-east-1","us-west-2"],"maxSessionSeconds":3600,"shortTermKeys":true}}}
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    final List<AuditEvent> audit = new ArrayList<>();
    Function<AssumeRoleRequestView, StsOutcome> sts = r -> new StsOutcome.Assumed(
            new SessionCredentials("ASIAEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLETOKEN",
                    NOW.plusSeconds(r.seconds())));
    int stsCalls;

    record AssumeRoleRequestView(long seconds) {}

    @Test
    void credentials_whenEntitled_answersCredentialsAndAuditsTheAccessKeyId() throws Exception {
        var response = handle(event("credentials.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("accessKeyId").asText()).isEqualTo("ASIAEXAMPLEKEY");
        assertThat(body.get("secretAccessKey").asText()).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(body.get("sessionToken").asText()).isEqualTo("FwoGZXIvYXdzEXAMPLETOKEN");
        assertThat(body.get("expiration").asText()).isEqualTo("2026-11-25T12:15:00Z");
        assertThat(body.get("region").asText()).isEqualTo("us-west-2");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("issued");
            assertThat(e.action()).isEqualTo("credentials");
            assertThat(e.accessKeyId()).isEqualTo("ASIAEXAMPLEKEY");
            assertThat(e.subject()).isEqualTo("00u1abcd");
            assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
            assertThat(e.userAgent()).isEqualTo("bedrock-broker/0.1.0");
            assertThat(e.requestId()).isEqualTo("req-0001");
            assertThat(e.toString()).doesNotContain("wJalrXUtnFEMI", "FwoGZXIvYXdz");
        });
    }

    @Test
    void bearerTokens_whenEntitled_answersAShortTermKey() throws Exception {
        var response = handle(event("bearer-tokens.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("token").asText()).startsWith("bedrock-api-key-");
        assertThat(body.get("region").asText()).isEqualTo("us-west-2");
        assertThat(body.get("expiration").asText()).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("bearer-token");
            assertThat(e.toString()).doesNotContain("bedrock-api-key-");
        });
    }

    @Test
    void me_answersIdentityAndEntitlement() throws Exception {
        var response = handle(event("me.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("subject").asText()).isEqualTo("00u1abcd");
        assertThat(body.get("userName").asText()).isEqualTo("alice@example.com");
        assertThat(body.get("groups")).extracting(JsonNode::asText).containsExactly("developers", "staff");
        assertThat(body.at("/entitlement/regions")).extracting(JsonNode::asText).containsExactly("us-east-1", "us-west-2");
        assertThat(body.at("/entitlement/maxSessionSeconds").asInt()).isEqualTo(3600);
        assertThat(stsCalls).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"durationSeconds":                              | 400 | malformed-json
            [1,2]                                            | 400 | malformed-json
            {"durationSeconds":900,"regoin":"us-east-1"}     | 400 | unknown-field
            {"durationSeconds":"900"}                        | 400 | invalid-field
            {"durationSeconds":900.5}                        | 400 | invalid-field
            {"models":"anthropic.claude"}                    | 400 | invalid-field
            {"durationSeconds":7200}                         | 400 | invalid-duration
            {"durationSeconds":60}                           | 400 | invalid-duration
            {"region":"eu-west-1"}                           | 400 | region-not-allowed
            {"models":["anthropic.claude-opus-4-1-20250805-v1:0"]} | 400 | model-not-allowed
            """)
    void credentials_badRequest_answersProblemWithoutCallingSts(String body, int status, String slug) throws Exception {
        var event = event("credentials.json");
        event.setBody(body);

        var response = handle(event);

        assertProblem(response, status, slug);
        assertThat(stsCalls).isZero();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.reason()).isEqualTo(slug);
        });
    }

    @Test
    void credentials_nonJsonContentType_answersUnsupportedMediaType() throws Exception {
        var event = event("credentials.json");
        event.setHeaders(Map.of("content-type", "text/plain"));

        assertProblem(handle(event), 415, "unsupported-media-type");
    }

    @Test
    void credentials_hugeBody_answersPayloadTooLarge() throws Exception {
        var event = event("credentials.json");
        event.setBody("{\"region\":\"" + "x".repeat(20_000) + "\"}");

        assertProblem(handle(event), 413, "payload-too-large");
    }

    @Test
    void credentials_withoutSubject_answersUnauthorized() throws Exception {
        var event = event("credentials.json");
        var claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.remove("sub");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);

        var response = handle(event);

        assertProblem(response, 401, "unauthorized");
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(stsCalls).isZero();
    }

    @Test
    void credentials_userInNoEntitledGroup_answersNotEntitled() throws Exception {
        var event = event("credentials.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "u2", "email", "bob@example.com", "groups", "[sales]"));
        event.setBody("");

        assertProblem(handle(event), 403, "not-entitled");
        assertThat(stsCalls).isZero();
    }

    @Test
    void credentials_whenStsThrottles_answers429WithRetryAfter() throws Exception {
        sts = r -> new StsOutcome.Throttled(Duration.ofSeconds(3));

        var response = handle(event("credentials.json"));

        assertProblem(response, 429, "throttled");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "3");
    }

    @Test
    void credentials_whenStsUnavailable_answers503WithRetryAfter() throws Exception {
        sts = r -> new StsOutcome.Unavailable(Duration.ofMillis(200));

        var response = handle(event("credentials.json"));

        assertProblem(response, 503, "upstream-unavailable");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    void credentials_whenStsRefuses_answers502WithoutTheAwsErrorCode() throws Exception {
        sts = r -> new StsOutcome.Refused("PackedPolicyTooLarge");

        var response = handle(event("credentials.json"));

        assertProblem(response, 502, "upstream-refused");
        assertThat(response.getBody()).doesNotContain("PackedPolicyTooLarge");
        assertThat(audit.getFirst().reason()).isEqualTo("upstream-refused");
        assertThat(audit.getFirst().cause()).isEqualTo("sts:PackedPolicyTooLarge");
    }

    @Test
    void credentials_whenSomethingBreaks_answers500WithOnlyTheRequestId() throws Exception {
        sts = r -> {
            throw new IllegalStateException("arn:aws:iam::123456789012:role/secret-internal-name exploded");
        };

        var response = handle(event("credentials.json"));

        assertProblem(response, 500, "internal-error");
        assertThat(response.getBody()).doesNotContain("arn:aws", "exploded", "IllegalStateException").contains("req-0001");
    }

    @Test
    void unknownRoute_answersNotFound() throws Exception {
        var event = event("me.json");
        event.setRouteKey("GET /v1/nothing-here");

        assertProblem(handle(event), 404, "not-found");
    }

    @Test
    void clientConfig_answersTheBootstrapDocument() throws Exception {
        BrokerConfig config = config();
        var response = CredentialsWiring.publicRoutes(config).handle(event("client-config.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("issuer").asText()).isEqualTo("https://idp.example.com");
        assertThat(body.get("clientId").asText()).isEqualTo("broker-cli");
        assertThat(body.get("redirectPorts")).extracting(JsonNode::asInt).containsExactly(53682, 53683, 53684);
        assertThat(body.get("region").asText()).isEqualTo("us-east-1");
        // No default profile: nothing every signed-in user may use, so nothing to recommend before sign-in.
        assertThat(body.at("/models/primary").asText()).isEmpty();
    }

    void assertProblem(APIGatewayV2HTTPResponse response, int status, String slug) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("type").asText()).isEqualTo("https://bedrock-broker.dev/problems/" + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).isEqualTo("req-0001");
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) throws Exception {
        CredentialIssuer issuer = command -> {
            stsCalls++;
            return sts.apply(new AssumeRoleRequestView(command.duration().toSeconds()));
        };
        AuditLog log = new AuditLog() {
            @Override public void record(AuditEvent event) { audit.add(event); }
            @Override public void upstreamLatency(String service, Duration latency) {}
        };
        return CredentialsWiring.credentialsRoutes(config(), CredentialsPorts.of(issuer, log, Clock.fixed(NOW, ZoneOffset.UTC)))
                .handle(event);
    }

    static BrokerConfig config() throws Exception {
        return new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-broker-users", "us-east-1",
                EntitlementsDocument.parse(ENTITLEMENTS), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "broker-cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "us.anthropic.claude-sonnet-4-5-20250929-v1:0", ""),
                null, null);
    }

    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }
}
