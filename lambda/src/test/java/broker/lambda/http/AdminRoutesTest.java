package broker.lambda.http;

import broker.lambda.testing.Principals;
import static broker.lambda.aws.IamWire.action;
import static broker.lambda.aws.IamWire.error;
import static broker.lambda.aws.IamWire.sent;
import static broker.lambda.http.IamRouteFixture.NOW;
import static broker.lambda.http.IamRouteFixture.assertProblem;
import static broker.lambda.http.IamRouteFixture.body;
import static broker.lambda.http.IamRouteFixture.event;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateStores;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin routes end to end: events in, the real IAM SDK client against a stateful IAM on WireMock. */
class AdminRoutesTest {
    static final String ALICE = "00u1abcd";
    static final String ROLE = "bedrock-broker-users";

    final IamRouteFixture fx = new IamRouteFixture();
    @RegisterExtension
    final WireMockExtension wire = fx.wire;
    final InMemoryBrokerState state = new InMemoryBrokerState();
    AdminRoutes admin;
    ApiKeysRoutes keys;

    @BeforeEach
    void setUp() throws Exception {
        fx.start();
        var config = IamRouteFixture.config();
        var iam = new IamApiKeys(fx.client);
        // Alice was issued credentials before: the admin routes know her.
        state.recordIssuance(PersonRecord.of(Principals.person(ALICE, "alice@example.com", "alice@example.com",
                List.of("developers")), IssuanceKind.CREDENTIALS, IamRouteFixture.NOW));
        admin = KeysWiring.adminRoutes(config, KeysWiring.AdminPorts.of(iam,
                new IamRolePolicy(fx.client, ROLE, SessionRevoker.POLICY_NAME), fx.auditLog(), fx.clock())
                .withState(StateStores.of(state)).withSleeper(wait -> fx.now.updateAndGet(t -> t.plus(wait))));
        keys = KeysWiring.apiKeysRoutes(config, KeysWiring.ApiKeysPorts.of(iam, fx.auditLog(), fx.clock()));
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin-list-keys.json", "admin-delete-key.json", "admin-revoke-sessions.json"})
    void anyAdminRoute_forANonAdmin_answers403AndTouchesNoIam(String file) throws Exception {
        var event = event(file);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "00u2bob", "email", "bob@example.com",
                "groups", "[developers staff]"));

        assertProblem(admin.handle(event), 403, "admin-required");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(fx.audit).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.REFUSED);
            assertThat(e.subject()).isEqualTo("00u2bob");
            assertThat(e.target()).isEqualTo(ALICE);
        });
    }

    @Test
    void revokeSessions_byAMemberOfAGroupNamedXSpaceAdmins_readsTheTokenPayloadExactlyAndAnswers403() throws Exception {
        var event = event("admin-revoke-sessions.json");
        // API Gateway flattens ["x bedrock-admins"] to "[x bedrock-admins]": split on whitespace it would hold the
        // admin group. The bearer token's payload (the token the authorizer verified) says what the group really is.
        Map<String, String> claims = Map.of("iss", Principals.ISSUER, "sub", "00u6mallory", "aud", "broker-cli",
                "groups", "[x bedrock-admins]");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        String payload = "{\"iss\":\"" + Principals.ISSUER + "\",\"sub\":\"00u6mallory\",\"aud\":\"broker-cli\","
                + "\"groups\":[\"x bedrock-admins\"]}";
        event.setHeaders(Map.of("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl"));

        assertProblem(admin.handle(event), 403, "admin-required");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void revokeSessions_whenTheBearerPayloadIsAnotherTokens_readsNoGroupsAndAuditsWhy() throws Exception {
        var event = event("admin-revoke-sessions.json");
        // The verified claims are flattened; the Authorization header's payload is of another subject.
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "00uadmin",
                "aud", "broker-cli", "email", "root@example.com", "email_verified", "true", "groups", "[x bedrock-admins]"));
        String payload = "{\"iss\":\"" + Principals.ISSUER + "\",\"sub\":\"00u7eve\",\"aud\":\"broker-cli\","
                + "\"email\":\"root@example.com\",\"email_verified\":true,\"groups\":[\"bedrock-admins\"]}";
        event.setHeaders(Map.of("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl"));

        assertProblem(admin.handle(event), 403, "admin-required");
        assertThat(fx.audit.getLast().cause()).contains("groups claim ignored");
    }

    @Test
    void revokeSessions_namingAnIssuerThatDoesNotKnowThePerson_answersPersonNotFound() throws Exception {
        var event = event("admin-revoke-sessions.json");
        event.setQueryStringParameters(Map.of("issuer", "https://other.example.com"));

        assertProblem(admin.handle(event), 404, "person-not-found");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void listKeys_forAnAdminWithoutAnyProfile_answersThePersonsKeysWithoutSecrets() throws Exception {
        keys.handle(event("api-keys-create.json"));

        var response = admin.handle(event("admin-list-keys.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("apiKeys")).singleElement().satisfies(key -> {
            assertThat(key.get("id").asText()).isEqualTo("ACCAFAKEIAM0000000001");
            assertThat(key.get("label").asText()).isEqualTo("laptop");
        });
        assertThat(body.has("maxKeys")).isFalse();
        assertThat(response.getBody()).doesNotContain("SECRET");
    }

    @Test
    void listKeys_ofSomeoneWithoutKeys_answersAnEmptyList() throws Exception {
        var response = admin.handle(event("admin-list-keys.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("apiKeys")).isEmpty();
    }

    @Test
    void deleteKey_ofThePerson_answers204AndAuditsAdminAndTarget() throws Exception {
        keys.handle(event("api-keys-create.json"));

        var response = admin.handle(event("admin-delete-key.json"));

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(fx.iam.user(ALICE).credentials).isEmpty();
        assertThat(fx.audit.getLast()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("admin-api-key-delete");
            assertThat(e.outcome()).isEqualTo(AuditEvent.REVOKED);
            assertThat(e.subject()).isEqualTo("00uadmin");
            assertThat(e.target()).isEqualTo(ALICE);
            assertThat(e.accessKeyId()).isEqualTo("ACCAFAKEIAM0000000001");
        });
    }

    @Test
    void deleteKey_namingAKeyOfSomeoneElse_answers404AndKeepsIt() throws Exception {
        APIGatewayV2HTTPEvent bobCreates = event("api-keys-create.json");
        bobCreates.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "00u2bob", "email", "bob@example.com",
                "groups", "[developers]"));
        keys.handle(bobCreates);
        keys.handle(event("api-keys-create.json"));

        var response = admin.handle(event("admin-delete-key.json"));

        assertProblem(response, 404, "api-key-not-found");
        assertThat(fx.iam.user("00u2bob").credentials).hasSize(1);
        assertThat(fx.iam.user(ALICE).credentials).hasSize(1);
    }

    @Test
    void revokeSessions_deniesEverySessionOfThePersonIssuedBeforeNow() throws Exception {
        var response = admin.handle(event("admin-revoke-sessions.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("subject").asText()).isEqualTo(ALICE);
        assertThat(body(response).get("issuedBefore").asText()).isEqualTo("2026-11-25T12:00:01Z");
        JsonNode statement = onlyStatement();
        assertThat(statement.get("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.get("Action").asText()).isEqualTo("*");
        assertThat(statement.at("/Condition/DateLessThan/aws:TokenIssueTime").asText()).isEqualTo("2026-11-25T12:00:01Z");
        List<String> patterns = sourceIdentityPatterns(statement);
        // The broker's one issuer keeps legacy subject keys: sessions from before issuer-keyed names are denied too.
        assertThat(patterns).containsExactlyInAnyOrder("*-" + Principals.principal(ALICE).hash(),
                "*-" + Principals.principal(ALICE).legacyHash());
        String aliceToday = StsSessionIdentity.of(Principals.person(ALICE, "alice@example.com", "alice@example.com", List.of())).sourceIdentity();
        String aliceRenamed = StsSessionIdentity.of(Principals.person(ALICE, "Alice Smith", "alice@new.example.com", List.of())).sourceIdentity();
        String aliceBeforeUpgrade = "alice_example.com-" + Principals.principal(ALICE).legacyHash();
        String bob = StsSessionIdentity.of(Principals.person("00u2bob", "alice@example.com", "bob@example.com", List.of())).sourceIdentity();
        assertThat(List.of(aliceToday, aliceRenamed, aliceBeforeUpgrade))
                .allMatch(id -> patterns.stream().anyMatch(p -> globMatches(p, id)));
        assertThat(patterns).noneMatch(p -> globMatches(p, bob));
        assertThat(fx.audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("admin-revoke-sessions");
            assertThat(e.outcome()).isEqualTo(AuditEvent.REVOKED);
            assertThat(e.target()).isEqualTo(ALICE);
        });
    }

    @Test
    void revokeSessions_again_keepsOneEntryWithTheLaterCutoff() throws Exception {
        admin.handle(event("admin-revoke-sessions.json"));
        fx.now.set(NOW.plus(Duration.ofMinutes(5)));

        admin.handle(event("admin-revoke-sessions.json"));

        JsonNode statement = onlyStatement();
        assertThat(statement.at("/Condition/DateLessThan/aws:TokenIssueTime").asText()).isEqualTo("2026-11-25T12:05:01Z");
        assertThat(sourceIdentityPatterns(statement)).containsExactlyInAnyOrder("*-" + Principals.principal(ALICE).hash(),
                "*-" + Principals.principal(ALICE).legacyHash());
    }

    @Test
    void revokeSessions_withinTheSameSecond_writesNothingTheSecondTime() throws Exception {
        admin.handle(event("admin-revoke-sessions.json"));
        wire.resetRequests();

        var response = admin.handle(event("admin-revoke-sessions.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(wire.findAll(sent("GetRolePolicy"))).hasSize(1);
        assertThat(wire.findAll(sent("PutRolePolicy"))).isEmpty();
    }

    @Test
    void revokeSessions_keepsOtherRecentEntriesAndDropsOnesOlderThanAnySession() throws Exception {
        String bob = Principals.principal("00u2bob").hash();
        String carol = Principals.principal("00u3carol").hash();
        fx.iam.putRolePolicy(ROLE, SessionRevoker.POLICY_NAME, """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"BrokerRevokedBefore20261125T115000Z","Effect":"Deny","Action":"*","Resource":"*",
                  "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-25T11:50:00Z"},"StringLike":{"aws:SourceIdentity":"*-%s"}}},
                 {"Sid":"BrokerRevokedBefore20261125T100000Z","Effect":"Deny","Action":"*","Resource":"*",
                  "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-25T10:00:00Z"},"StringLike":{"aws:SourceIdentity":"*-%s"}}},
                 {"Sid":"HandWritten","Effect":"Deny","Action":"bedrock:*","Resource":"*"}]}
                """.formatted(bob, carol));

        admin.handle(event("admin-revoke-sessions.json"));

        String written = fx.iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME);
        assertThat(written).contains("*-" + bob, "*-" + Principals.principal(ALICE).hash(), "HandWritten")
                .doesNotContain(carol);
        assertThat(written).doesNotContainAnyWhitespaces();
    }

    @Test
    void revokeSessions_whenIamThrottles_answers429AndWritesNothing() throws Exception {
        wire.stubFor(action("GetRolePolicy").atPriority(1).willReturn(error(400, "Throttling", "Rate exceeded")));

        assertProblem(admin.handle(event("admin-revoke-sessions.json")), 429, "throttled");
        assertThat(wire.findAll(sent("PutRolePolicy"))).isEmpty();
    }

    @Test
    void revokeSessions_whenTheRoleIsGone_answers502() throws Exception {
        wire.stubFor(action("PutRolePolicy").atPriority(1).willReturn(error(404, "NoSuchEntity",
                "The role with name bedrock-broker-users cannot be found.")));

        var response = admin.handle(event("admin-revoke-sessions.json"));

        assertProblem(response, 502, "upstream-refused");
        assertThat(fx.audit.getLast().reason()).isEqualTo("upstream-refused");
        assertThat(fx.audit.getLast().cause()).isEqualTo("iam:PutRolePolicy:NoSuchEntity");
    }

    @Test
    void revokeSessions_ofSomeoneTheBrokerNeverIssuedTo_answers404PersonNotFoundAndTouchesNoIam() throws Exception {
        var event = event("admin-revoke-sessions.json");
        event.setPathParameters(Map.of("user", "00u9typo"));

        assertProblem(admin.handle(event), 404, "person-not-found");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(fx.audit.getLast().reason()).isEqualTo("person-not-found");
        assertThat(fx.audit.getLast().target()).isEqualTo("00u9typo");
    }

    @Test
    void revokeSessions_namingThePersonByEmail_deniesTheirSessionsAndSaysWhichPattern() throws Exception {
        var event = event("admin-revoke-sessions.json");
        event.setPathParameters(Map.of("user", "Alice@Example.com"));

        var response = admin.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        String pattern = "*-" + Principals.principal(ALICE).hash();
        assertThat(body(response).get("sourceIdentityPattern").asText()).isEqualTo(pattern);
        assertThat(fx.iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME)).contains(pattern);
        assertThat(fx.audit.getLast().sourceIdentityPattern()).isEqualTo(pattern);
    }

    @Test
    void revokeAllSessions_deniesEverySessionWithoutASourceIdentityCondition() throws Exception {
        var response = admin.handle(event("admin-revoke-all-sessions.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("sourceIdentityPattern").asText()).isEqualTo("*");
        assertThat(body(response).has("subject")).isFalse();
        JsonNode statement = onlyStatement();
        assertThat(statement.get("Sid").asText()).startsWith("BrokerRevokedAllBefore");
        assertThat(statement.get("Condition").toString())
                .isEqualTo("{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + body(response).get("issuedBefore").asText() + "\"}}");
        assertThat(fx.audit.getLast().action()).isEqualTo("admin-revoke-all-sessions");
        assertThat(fx.audit.getLast().outcome()).isEqualTo(AuditEvent.REVOKED);
    }

    @Test
    void revokeSessions_withoutAUser_answers400() throws Exception {
        var event = event("admin-revoke-sessions.json");
        event.setPathParameters(Map.of("user", " "));

        assertProblem(admin.handle(event), 400, "invalid-field");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private JsonNode onlyStatement() throws Exception {
        JsonNode policy = IamRouteFixture.JSON.readTree(fx.iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME));
        List<JsonNode> statements = new ArrayList<>();
        policy.get("Statement").forEach(statements::add);
        assertThat(statements).hasSize(1);
        return statements.getFirst();
    }

    /** IAM's StringLike: {@code *} matches any run of characters, {@code ?} one. */
    static boolean globMatches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    private static List<String> sourceIdentityPatterns(JsonNode statement) {
        JsonNode value = statement.at("/Condition/StringLike/aws:SourceIdentity");
        if (value.isTextual()) return List.of(value.asText());
        List<String> patterns = new java.util.ArrayList<>();
        value.forEach(v -> patterns.add(v.asText()));
        return patterns;
    }
}
