package broker.lambda.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamWire;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.iam.IamClient;

/** A stateful IAM on WireMock, the broker's configuration and an audit sink, for the API-key and admin route tests. */
final class IamRouteFixture {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";
    static final String USER_PATH = "/bedrock-broker/users/";
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{
               "developers":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0"],"regions":["us-east-1","us-west-2"],
                             "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":7,"maxKeys":2}},
               "interns":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"]}},
             "adminGroups":["bedrock-admins"]}
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final FakeIam iam = new FakeIam(now::get);
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(iam)).build();
    final List<AuditEvent> audit = new ArrayList<>();
    IamClient client;

    /** Called once the WireMock server runs: every request not stubbed otherwise goes to the fake IAM. */
    void start() {
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        client = IamWire.client(wire.baseUrl());
    }

    void stop() {
        client.close();
    }

    Clock clock() {
        return new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
    }

    AuditLog auditLog() {
        return new AuditLog() {
            @Override public void record(AuditEvent event) { audit.add(event); }
            @Override public void upstreamLatency(String service, Duration latency) {}
        };
    }

    static BrokerConfig config() throws Exception {
        return new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse(ENTITLEMENTS), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "broker-cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "", ""),
                null, null, USER_PATH, BOUNDARY);
    }

    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    static void assertProblem(APIGatewayV2HTTPResponse response, int status, String slug) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode body = body(response);
        assertThat(body.get("type").asText()).isEqualTo("https://bedrock-broker.dev/problems/" + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).isEqualTo("req-0001");
    }
}
