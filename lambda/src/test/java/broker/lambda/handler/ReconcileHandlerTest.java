package broker.lambda.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.aws.DynamoDbBrokerState;
import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamKeyUserMaintenance;
import broker.lambda.aws.IamWire;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.reconcile.KeyReconciliation;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.observability.ReconciliationLog;
import broker.lambda.testing.Dynalite;
import broker.lambda.testing.JsonLogCapture;
import broker.lambda.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * The reconcile function end to end: the handler over the real IAM adapters (the SDK on WireMock's fake IAM) and the
 * real state table adapter (dynalite), with its audit lines through the functions' JSON layout.
 */
class ReconcileHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
    static final String PATH = "/bedrock-broker/users/";
    static final Duration INACTIVE = Duration.ofDays(90);

    @RegisterExtension
    static final Dynalite DYNAMO = new Dynalite();
    static DynamoDbClient dynamo;

    final TestClock clock = new TestClock(NOW);
    final FakeIam iam = new FakeIam(clock::instant);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(iam)).build();
    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");
    DynamoDbBrokerState people;

    @BeforeEach
    void setUp() {
        if (dynamo == null) dynamo = DYNAMO.client();
        people = new DynamoDbBrokerState(dynamo, DYNAMO.createStateTable(dynamo));
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
    }

    @AfterAll
    static void closeClient() {
        if (dynamo != null) dynamo.close();
    }

    @Test
    void handleRequest_deactivatesTheKeysOfPeopleNotSeenDeletesKeylessUsersAndAuditsEachAction() throws Exception {
        seen("sub-gone", NOW.minus(Duration.ofDays(120)));
        seen("sub-active", NOW.minus(Duration.ofDays(2)));
        keyUser("sub-gone").policies.put("bedrock-broker", "{}");
        var goneKey = iam.addCredential("sub-gone", NOW.minus(Duration.ofDays(200)), 365);
        keyUser("sub-active");
        var activeKey = iam.addCredential("sub-active", NOW.minus(Duration.ofDays(200)), 365);
        keyUser("sub-keyless").policies.put("bedrock-broker", "{}");
        iam.addUser("a-human", "/", Map.of());

        String answer = handler().handleRequest(Map.of("source", "aws.events", "detail-type", "Scheduled Event"), null);

        assertThat(answer).isEqualTo("3 key users, 1 keys deactivated, 1 users deleted");
        assertThat(iam.user("sub-gone").credentials).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("Inactive"));
        assertThat(iam.user("sub-active").credentials.getFirst().status()).isEqualTo("Active");
        assertThat(iam.user("sub-keyless")).isNull();
        assertThat(iam.user("a-human")).isNotNull();
        List<JsonNode> audits = audits();
        assertThat(audits).extracting(n -> n.get("action").asText() + ":" + n.get("outcome").asText())
                .containsExactlyInAnyOrder("reconcile-key-deactivate:revoked", "reconcile-user-delete:revoked");
        JsonNode deactivated = audits.stream().filter(n -> n.get("action").asText().endsWith("deactivate")).findFirst()
                .orElseThrow();
        assertThat(deactivated.get("iamUser").asText()).isEqualTo("sub-gone");
        assertThat(deactivated.get("accessKeyId").asText()).isEqualTo(goneKey.id());
        assertThat(deactivated.get("target").asText()).isEqualTo(broker.lambda.testing.Principals.principal("sub-gone").key());
        assertThat(deactivated.get("lastSeen").asText()).isEqualTo(NOW.minus(Duration.ofDays(120)).toString());
        assertThat(deactivated.get("inactiveDays").asLong()).isEqualTo(90);
        assertThat(String.join("\n", logs.lines())).doesNotContain(goneKey.secret()).doesNotContain(activeKey.secret());
    }

    @Test
    void handleRequest_reportsTheAccountsUserQuotaInTheSummaryLine() throws Exception {
        iam.otherAccountUsers = 4199;

        handler().handleRequest(Map.of(), null);

        JsonNode summary = lines().stream().filter(n -> n.has("accountUsersQuota")).findFirst().orElseThrow();
        assertThat(summary.get("accountUsers").asLong()).isEqualTo(4199);
        assertThat(summary.get("accountUsersQuota").asLong()).isEqualTo(5000);
    }

    @Test
    void handleRequest_iamRefusesTheDeactivation_failsTheInvocationAfterLookingAtEveryone() throws Exception {
        keyUser("sub-a");
        iam.addCredential("sub-a", NOW.minus(Duration.ofDays(200)), 365);
        keyUser("sub-b");
        iam.addCredential("sub-b", NOW.minus(Duration.ofDays(200)), 365);
        wire.stubFor(IamWire.action("UpdateServiceSpecificCredential").withFormParam("UserName",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("sub-a")).atPriority(1)
                .willReturn(IamWire.error(403, "AccessDenied", "not authorized")));

        assertThatThrownBy(() -> handler().handleRequest(Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 failed IAM calls");
        assertThat(iam.user("sub-b").credentials.getFirst().status()).isEqualTo("Inactive");
        assertThat(audits()).extracting(n -> n.get("outcome").asText()).contains("failed", "revoked");
        assertThat(audits().stream().filter(n -> n.get("outcome").asText().equals("failed")).findFirst().orElseThrow()
                .get("cause").asText()).isEqualTo("iam:UpdateServiceSpecificCredential:refused:AccessDenied");
    }

    @Test
    void handleRequest_iamCannotListUsers_failsWithoutChangingAnything() {
        keyUser("sub-a");
        iam.addCredential("sub-a", NOW.minus(Duration.ofDays(200)), 365);
        wire.stubFor(IamWire.action("ListUsers").atPriority(1).willReturn(IamWire.error(403, "AccessDenied", "no")));

        assertThatThrownBy(() -> handler().handleRequest(Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped: ListUsers refused:AccessDenied");
        assertThat(iam.user("sub-a").credentials.getFirst().status()).isEqualTo("Active");
    }

    private ReconcileHandler handler() {
        var client = IamWire.client(wire.baseUrl());
        var events = new ReconciliationLog(MetricsBuilder.builder().withNamespace("BedrockBrokerTest")
                .withService("test").build(), INACTIVE);
        return new ReconcileHandler(new KeyReconciliation(new IamApiKeys(client), new IamKeyUserMaintenance(client),
                people, PATH, INACTIVE, events, clock, broker.lambda.testing.Principals.ISSUER));
    }

    private FakeIam.User keyUser(String subject) {
        return iam.addUser(subject, PATH, Map.of(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(subject),
                IamUserNames.TAG_USER, subject + "@example.com"));
    }

    private void seen(String subject, Instant at) {
        people.recordIssuance(PersonRecord.of(broker.lambda.testing.Principals.person(subject, subject + "@example.com", "", List.of("developers")),
                IssuanceKind.CREDENTIALS, at));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : logs.lines()) nodes.add(JSON.readTree(line));
        return nodes;
    }

    private List<JsonNode> audits() throws Exception {
        return lines().stream().filter(n -> n.path("audit").asBoolean()).toList();
    }
}
