package broker.lambda.observability;

import static broker.lambda.aws.IamWire.action;
import static broker.lambda.aws.IamWire.error;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.aws.IamWire;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.http.AdminRoutes;
import broker.lambda.http.ApiKeysRoutes;
import broker.lambda.testing.JsonLogCapture;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Every log line the API-key and admin functions write (broker, SDK and root loggers, through the real JSON
 * layout) while creating, listing, deleting and revoking, and while failing: never an API-key secret.
 */
class ApiKeysLogSecretsTest {
    static final String[] LOGGERS = {"broker", "software.amazon.awssdk"};
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeIam iam = new FakeIam(Instant::now);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(iam)).build();
    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture(LOGGERS);
    final List<String> lines = logs.lines();
    IamClient client;

    @BeforeEach
    void setUp() {
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        client = IamWire.client(wire.baseUrl());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void apiKeyAndAdminRoutes_logNoSecretAndOneAuditLinePerChange() throws Exception {
        BrokerConfig config = config();
        var audit = new PowertoolsAuditLog(software.amazon.lambda.powertools.metrics.MetricsBuilder.builder()
                .withNamespace("BedrockBrokerTest").withService("test").build(), "BedrockBrokerTest");
        var users = Timed.iam(new IamApiKeys(client), audit);
        // One state for both functions, as the table is: the admin finds the person who created keys.
        var state = new broker.lambda.core.state.InMemoryBrokerState();
        ApiKeysRoutes keys = KeysWiring.apiKeysRoutes(config, KeysWiring.ApiKeysPorts.of(users, audit, Clock.systemUTC())
                .withRecorder(new broker.lambda.core.state.IssuanceRecorder(state, Runnable::run, e -> { }, java.time.Duration.ofSeconds(1))));
        AdminRoutes admin = KeysWiring.adminRoutes(config, KeysWiring.AdminPorts.of(users,
                new IamRolePolicy(client, "bedrock-broker-users", SessionRevoker.POLICY_NAME), audit, Clock.systemUTC())
                .withState(broker.lambda.core.state.StateStores.of(state))
                .withSleeper(broker.lambda.core.revocation.Sleeper.THREAD));
        List<String> secrets = new ArrayList<>();

        secrets.add(JSON.readTree(keys.handle(event("api-keys-create.json")).getBody()).get("secret").asText());
        secrets.add(JSON.readTree(keys.handle(event("api-keys-create.json")).getBody()).get("secret").asText());
        keys.handle(event("api-keys-create.json"));                              // 409: the limit
        keys.handle(event("api-keys-list.json"));
        wire.stubFor(action("TagUser").atPriority(1).willReturn(error(503, "ServiceUnavailable", "down")));
        keys.handle(event("api-keys-delete.json"));                              // frees a place
        keys.handle(event("api-keys-create.json"));                              // key taken back: label not stored
        wire.resetToDefaultMappings();
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        admin.handle(event("admin-list-keys.json"));
        admin.handle(event("admin-delete-key.json"));                            // already gone: 404
        admin.handle(event("admin-revoke-sessions.json"));

        assertThat(secrets).allSatisfy(s -> assertThat(s).startsWith("ABSK"));
        assertThat(String.join("\n", iamSecretsEverIssued())).contains(secrets.getFirst());
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            for (String secret : iamSecretsEverIssued()) assertThat(line).doesNotContain(secret, secret.substring(4, 24));
        });
        List<JsonNode> audits = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.path("audit").asBoolean()) audits.add(node);
        }
        assertThat(audits).extracting(n -> n.get("action").asText() + ":" + n.get("outcome").asText()).containsExactly(
                "api-key-create:issued", "api-key-create:issued", "api-key-create:refused", "api-key-delete:revoked",
                "api-key-create:refused", "admin-api-key-delete:refused", "admin-revoke-sessions:revoked");
        assertThat(audits.getFirst().get("accessKeyId").asText()).isEqualTo("ACCAFAKEIAM0000000001");
        assertThat(audits.getLast().get("target").asText()).isEqualTo("00u1abcd");
    }

    /** Every secret the fake IAM handed out, including the one of the key the broker took back. */
    private List<String> iamSecretsEverIssued() {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) all.add(String.format("ABSKRmFrZUlhbVNlY3JldA%010dSECRET", i));
        return all;
    }

    static BrokerConfig config() throws Exception {
        return new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-broker-users", "us-east-1",
                EntitlementsDocument.parse("""
                        {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                         "regions":["us-east-1"],"longTermKeys":{"allowed":true,"maxAgeDays":30,"maxKeys":2}}},
                         "adminGroups":["bedrock-admins"]}"""),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "cli", List.of("openid"), List.of(53682), "", ""),
                null, null, "/bedrock-broker/users/", "arn:aws:iam::123456789012:policy/bedrock-broker-boundary");
    }

    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }
}
