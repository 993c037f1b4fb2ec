package broker.lambda.http;

import static broker.lambda.aws.IamWire.action;
import static broker.lambda.aws.IamWire.error;
import static broker.lambda.aws.IamWire.sent;
import static broker.lambda.http.IamRouteFixture.BOUNDARY;
import static broker.lambda.http.IamRouteFixture.NOW;
import static broker.lambda.http.IamRouteFixture.USER_PATH;
import static broker.lambda.http.IamRouteFixture.assertProblem;
import static broker.lambda.http.IamRouteFixture.body;
import static broker.lambda.http.IamRouteFixture.event;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamWire;
import broker.lambda.core.apikeys.IamKeyOwners;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.usage.OwnerIssuers;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API-key routes end to end: events in, the real IAM SDK client against a stateful IAM on WireMock. */
class ApiKeysRoutesTest {
    static final String ALICE = "00u1abcd";

    final IamRouteFixture fx = new IamRouteFixture();
    @RegisterExtension
    final WireMockExtension wire = fx.wire;
    ApiKeysRoutes routes;

    @BeforeEach
    void setUp() throws Exception {
        fx.start();
        routes = KeysWiring.apiKeysRoutes(IamRouteFixture.config(),
                KeysWiring.ApiKeysPorts.of(new IamApiKeys(fx.client), fx.auditLog(), fx.clock()));
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    static final String AUTH0 = "auth0|5f7c8ec7c33c6c004bbafe82";

    /** The key owner the usage ingestion reads for this IAM user, through the real SDK, as its principal key. */
    private String keyOwner(String userName) throws Exception {
        var owner = new IamKeyOwners(new IamApiKeys(fx.client), USER_PATH, OwnerIssuers.of(IamRouteFixture.config().issuers()))
                .ownersOf(Set.of(userName)).get(userName);
        return owner == null ? null : owner.key();
    }

    private static APIGatewayV2HTTPEvent withSubject(APIGatewayV2HTTPEvent event, String subject) {
        event.getRequestContext().getAuthorizer().getJwt().getClaims().put("sub", subject);
        return event;
    }

    @Test
    void create_whenEntitled_answers201WithTheSecretAndCreatesTheUserUnderThePathWithBoundaryAndOwnerTags() throws Exception {
        var response = routes.handle(event("api-keys-create.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = body(response);
        assertThat(body.get("id").asText()).isEqualTo("ACCAFAKEIAM0000000001");
        assertThat(body.get("secret").asText()).isEqualTo("ABSKRmFrZUlhbVNlY3JldA0000000001SECRET");
        assertThat(body.get("label").asText()).isEqualTo("laptop");
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(body.get("expiration").asText()).isEqualTo("2026-12-25T12:00:00Z");
        assertThat(body.get("status").asText()).isEqualTo("active");
        FakeIam.User user = fx.iam.user(ALICE);
        assertThat(user.path).isEqualTo(USER_PATH);
        assertThat(user.boundary).isEqualTo(BOUNDARY);
        assertThat(user.tags).containsEntry(IamUserNames.TAG_SUBJECT, ALICE)
                .containsEntry(IamUserNames.TAG_EMAIL, "alice@example.com")
                .containsEntry(IamUserNames.TAG_USER, "alice@example.com")
                .containsEntry("bedrock-broker:label/ACCAFAKEIAM0000000001", "laptop");
        assertThat(user.credentials).hasSize(1);
        assertThat(fx.iam.users()).hasSize(1);
    }

    @Test
    void create_always_givesTheUserOnlyTheEntitledBedrockModelsAndLongTermBearerTokens() throws Exception {
        routes.handle(event("api-keys-create.json"));

        JsonNode policy = IamRouteFixture.JSON.readTree(fx.iam.user(ALICE).policies.get("bedrock-broker"));
        assertThat(policy.toString()).contains("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "\"LONG_TERM\"")
                .doesNotContain("SHORT_TERM", "haiku", "iam:", "sts:");
        assertThat(policy.findValuesAsText("Effect")).containsOnly("Allow");
        assertThat(fx.iam.user(ALICE).policies).containsOnlyKeys("bedrock-broker");
    }

    @Test
    void create_always_auditsTheKeyIdButNeverTheSecret() throws Exception {
        routes.handle(event("api-keys-create.json"));

        assertThat(fx.audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("api-key-create");
            assertThat(e.outcome()).isEqualTo(AuditEvent.ISSUED);
            assertThat(e.accessKeyId()).isEqualTo("ACCAFAKEIAM0000000001");
            assertThat(e.expiration()).hasToString("2026-12-25T12:00:00Z");
            assertThat(e.subject()).isEqualTo(ALICE);
            assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
            assertThat(e.toString()).doesNotContain("SECRET");
        });
    }

    @Test
    void create_withoutBody_usesTheEntitlementsDefaultAge() throws Exception {
        var event = event("api-keys-create.json");
        event.setBody(null);

        var response = routes.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(body(response).get("expiration").asText()).isEqualTo("2026-12-02T12:00:00Z");
        assertThat(body(response).has("label")).isFalse();
        assertThat(IamWire.formOf(wire.findAll(sent("CreateServiceSpecificCredential")).getFirst()))
                .containsEntry("CredentialAgeDays", "7");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"ageDays":31}                   | 400 | invalid-age
            {"ageDays":0}                    | 400 | invalid-age
            {"ageDays":-5}                   | 400 | invalid-age
            {"ageDays":"30"}                 | 400 | invalid-field
            {"label":"über\\nlaptop"}        | 400 | invalid-field
            {"label":"a label that is far too long for an IAM tag value, sixty-five chars"} | 400 | invalid-field
            {"age":30}                       | 400 | unknown-field
            """)
    void create_badRequest_answersProblemAndTouchesNoIam(String body, int status, String slug) throws Exception {
        var event = event("api-keys-create.json");
        event.setBody(body);

        assertProblem(routes.handle(event), status, slug);
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(fx.audit).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(slug));
    }

    @Test
    void create_whenEntitlementForbidsLongTermKeys_answers403AndTouchesNoIam() throws Exception {
        var event = event("api-keys-create.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "00uintern", "email", "ian@example.com",
                "groups", "[interns]"));

        assertProblem(routes.handle(event), 403, "not-entitled");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void create_whenCallerHoldsTheMaximum_answers409AndChangesNothing() throws Exception {
        routes.handle(event("api-keys-create.json"));
        routes.handle(event("api-keys-create.json"));
        wire.resetRequests();

        var response = routes.handle(event("api-keys-create.json"));

        assertProblem(response, 409, "api-key-limit");
        assertThat(fx.iam.user(ALICE).credentials).hasSize(2);
        assertThat(wire.findAll(sent("CreateServiceSpecificCredential"))).isEmpty();
        assertThat(wire.findAll(sent("PutUserPolicy"))).isEmpty();
        assertThat(wire.findAll(sent("TagUser"))).isEmpty();
    }

    @Test
    void create_whenIamRefusesAThirdKey_answers409() throws Exception {
        wire.stubFor(action("CreateServiceSpecificCredential").atPriority(1).willReturn(error(409, "LimitExceeded",
                "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2")));

        assertProblem(routes.handle(event("api-keys-create.json")), 409, "api-key-limit");
    }

    @Test
    void create_whenKeyCreationFailsAfterTheUserWasCreated_aRetrySucceedsWithOneUserAndOneKey() throws Exception {
        StubMapping outage = wire.stubFor(action("CreateServiceSpecificCredential").atPriority(1)
                .willReturn(error(503, "ServiceUnavailable", "Service is unavailable")));

        var first = routes.handle(event("api-keys-create.json"));

        assertProblem(first, 503, "upstream-unavailable");
        assertThat(first.getHeaders()).containsKey("Retry-After");
        assertThat(fx.iam.user(ALICE).credentials).isEmpty();
        wire.removeStub(outage);

        var retry = routes.handle(event("api-keys-create.json"));

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(fx.iam.users()).hasSize(1);
        assertThat(fx.iam.user(ALICE).credentials).hasSize(1);
        assertThat(fx.iam.user(ALICE).policies).containsOnlyKeys("bedrock-broker");
        assertThat(wire.findAll(sent("CreateUser"))).hasSize(1);
        assertThat(fx.audit).extracting(AuditEvent::outcome).containsExactly(AuditEvent.REFUSED, AuditEvent.ISSUED);
    }

    @Test
    void create_whenTheLabelCannotBeStored_takesTheKeyBackAndAnswers503() throws Exception {
        wire.stubFor(action("TagUser").atPriority(1).willReturn(error(503, "ServiceUnavailable", "Service is unavailable")));

        var response = routes.handle(event("api-keys-create.json"));

        assertProblem(response, 503, "upstream-unavailable");
        assertThat(response.getBody()).doesNotContain("SECRET");
        assertThat(fx.iam.user(ALICE).credentials).isEmpty();
        assertThat(wire.findAll(sent("DeleteServiceSpecificCredential"))).hasSize(1);
    }

    @Test
    void create_whenTheNameIsTakenBySomeoneElseIgnoringCase_usesTheNextNameAndLeavesTheOtherUserAlone() throws Exception {
        fx.iam.addUser("00U1ABCD", USER_PATH, Map.of(IamUserNames.TAG_SUBJECT, "00U1ABCD"));

        var response = routes.handle(event("api-keys-create.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(fx.iam.user("00u1abcd-2").tags).containsEntry(IamUserNames.TAG_SUBJECT, ALICE);
        assertThat(fx.iam.user("00u1abcd-2").credentials).hasSize(1);
        FakeIam.User other = fx.iam.user("00U1ABCD");
        assertThat(other.credentials).isEmpty();
        assertThat(other.policies).isEmpty();
        assertThat(other.tags).containsOnly(Map.entry(IamUserNames.TAG_SUBJECT, "00U1ABCD"));
    }

    @Test
    void create_whenAConcurrentRequestCreatedTheUser_usesThatUser() throws Exception {
        fx.iam.addUser(ALICE, USER_PATH, Map.of(IamUserNames.TAG_SUBJECT, ALICE)).boundary = BOUNDARY;
        wire.stubFor(action("GetUser").atPriority(1).inScenario("race").whenScenarioStateIs("Started")
                .willReturn(error(404, "NoSuchEntity", "The user with name 00u1abcd cannot be found."))
                .willSetStateTo("created elsewhere"));

        var response = routes.handle(event("api-keys-create.json"));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(wire.findAll(sent("CreateUser"))).hasSize(1);
        assertThat(fx.iam.users()).hasSize(1);
        assertThat(fx.iam.user(ALICE).credentials).hasSize(1);
    }

    @Test
    void create_forAnExistingUser_restoresTheBoundaryAndRefreshesTheEmailTag() throws Exception {
        FakeIam.User old = fx.iam.addUser(ALICE, USER_PATH, Map.of(IamUserNames.TAG_SUBJECT, ALICE,
                IamUserNames.TAG_EMAIL, "alice@old.example.com", "bedrock-broker:label/ACCAGONEGONEGONEGONE1", "old"));
        old.boundary = "arn:aws:iam::123456789012:policy/previous-boundary";

        assertThat(routes.handle(event("api-keys-create.json")).getStatusCode()).isEqualTo(201);

        assertThat(old.boundary).isEqualTo(BOUNDARY);
        assertThat(old.tags).containsEntry(IamUserNames.TAG_EMAIL, "alice@example.com")
                .doesNotContainKey("bedrock-broker:label/ACCAGONEGONEGONEGONE1");
        assertThat(wire.findAll(sent("PutUserPermissionsBoundary"))).hasSize(1);
    }

    /**
     * An Auth0 subject holds {@code |}, which IAM tags refuse, so its subject tag is hashed: the exact owner tags go
     * through the real SDK and the usage ingestion's reader charges the key user to exactly this person.
     */
    @Test
    void create_forAnAuth0Person_writesTheExactOwnerAndIngestionChargesTheKeyUserToTheirPrincipalKey() throws Exception {
        var response = routes.handle(withSubject(event("api-keys-create.json"), AUTH0));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        String name = IamUserNames.candidates(AUTH0).getFirst();
        assertThat(fx.iam.user(name).tags).containsEntry(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(AUTH0))
                .containsEntry("bedrock-broker:owner-subject/0", "YXV0aDB8NWY3YzhlYzdjMzNjNmMwMDRiYmFmZTgy");
        assertThat(keyOwner(name)).isEqualTo("https://idp.example.com#" + AUTH0);
    }

    @Test
    void create_forAnAuth0PersonsUserFromBeforeTheExactTags_addsThemAndDropsStrayOnes() throws Exception {
        String name = IamUserNames.candidates(AUTH0).getFirst();
        PrincipalId auth0 = new PrincipalId("https://idp.example.com", AUTH0);
        fx.iam.addUser(name, USER_PATH, Map.of(IamUserNames.TAG_PRINCIPAL, IamUserNames.principalTag(auth0),
                IamUserNames.TAG_ISSUER, "https://idp.example.com", IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(AUTH0),
                "bedrock-broker:owner-subject/1", "stray")).boundary = BOUNDARY;
        // Before: a hashed subject and no exact tags (a stray chunk spoils them) name no owner, not issuer#sha256:….
        assertThat(keyOwner(name)).isNull();

        assertThat(routes.handle(withSubject(event("api-keys-create.json"), AUTH0)).getStatusCode()).isEqualTo(201);

        assertThat(fx.iam.user(name).tags).containsKeys("bedrock-broker:owner-issuer/0", "bedrock-broker:owner-subject/0")
                .doesNotContainKey("bedrock-broker:owner-subject/1");
        assertThat(keyOwner(name)).isEqualTo(auth0.key());
    }

    @Test
    void create_whenIamKeepsThrottling_answers429WithRetryAfter() throws Exception {
        wire.stubFor(action("GetUser").atPriority(1).willReturn(error(400, "Throttling", "Rate exceeded")));

        var response = routes.handle(event("api-keys-create.json"));

        assertProblem(response, 429, "throttled");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "3");
    }

    @Test
    void create_whenIamDeniesTheBroker_answers502WithoutTheAwsCode() throws Exception {
        wire.stubFor(action("CreateUser").atPriority(1).willReturn(error(403, "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/api-keys/fn is not authorized to perform: iam:CreateUser")));

        var response = routes.handle(event("api-keys-create.json"));

        assertProblem(response, 502, "upstream-refused");
        assertThat(response.getBody()).doesNotContain("AccessDenied", "arn:aws");
        assertThat(fx.audit.getFirst().reason()).isEqualTo("upstream-refused");
        assertThat(fx.audit.getFirst().cause()).isEqualTo("iam:CreateUser:AccessDenied");
        assertThat(fx.iam.users()).isEmpty();
    }

    @Test
    void list_afterCreate_answersTheKeysWithoutSecrets() throws Exception {
        routes.handle(event("api-keys-create.json"));

        var response = routes.handle(event("api-keys-list.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("maxKeys").asInt()).isEqualTo(2);
        assertThat(body.get("apiKeys")).singleElement().satisfies(key -> {
            assertThat(key.get("id").asText()).isEqualTo("ACCAFAKEIAM0000000001");
            assertThat(key.get("label").asText()).isEqualTo("laptop");
            assertThat(key.get("status").asText()).isEqualTo("active");
            assertThat(key.get("expiration").asText()).isEqualTo("2026-12-25T12:00:00Z");
            assertThat(key.has("secret")).isFalse();
        });
        assertThat(response.getBody()).doesNotContain("SECRET");
    }

    @Test
    void list_whenCallerNeverMadeAKey_answersAnEmptyListAndCreatesNoUser() throws Exception {
        var response = routes.handle(event("api-keys-list.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("apiKeys")).isEmpty();
        assertThat(fx.iam.users()).isEmpty();
        assertThat(wire.findAll(sent("CreateUser"))).isEmpty();
    }

    @Test
    void list_aKeyPastItsExpiration_showsItExpired() throws Exception {
        routes.handle(event("api-keys-create.json"));
        fx.now.set(NOW.plus(Duration.ofDays(31)));

        var response = routes.handle(event("api-keys-list.json"));

        assertThat(body(response).at("/apiKeys/0/status").asText()).isEqualTo("expired");
    }

    @Test
    void delete_ownKey_answers204AndRemovesTheKeyAndItsLabel() throws Exception {
        routes.handle(event("api-keys-create.json"));

        var response = routes.handle(event("api-keys-delete.json"));

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
        assertThat(fx.iam.user(ALICE).credentials).isEmpty();
        assertThat(fx.iam.user(ALICE).tags).doesNotContainKey("bedrock-broker:label/ACCAFAKEIAM0000000001");
        assertThat(fx.audit.getLast()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("api-key-delete");
            assertThat(e.outcome()).isEqualTo(AuditEvent.REVOKED);
            assertThat(e.accessKeyId()).isEqualTo("ACCAFAKEIAM0000000001");
        });
    }

    @Test
    void delete_anotherPersonsKey_answers404AndNeverAsksIamToDeleteIt() throws Exception {
        APIGatewayV2HTTPEvent bobCreates = event("api-keys-create.json");
        bobCreates.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "sub", "00u2bob", "email", "bob@example.com",
                "groups", "[developers]"));
        routes.handle(bobCreates);
        routes.handle(event("api-keys-create.json"));
        wire.resetRequests();
        var aliceDeletesBobsKey = event("api-keys-delete.json");
        aliceDeletesBobsKey.setPathParameters(Map.of("id", "ACCAFAKEIAM0000000001"));

        var response = routes.handle(aliceDeletesBobsKey);

        assertProblem(response, 404, "api-key-not-found");
        assertThat(fx.iam.user("00u2bob").credentials).extracting(FakeIam.Credential::id).containsExactly("ACCAFAKEIAM0000000001");
        assertThat(fx.iam.user(ALICE).credentials).hasSize(1);
        assertThat(wire.findAll(sent("DeleteServiceSpecificCredential"))).isEmpty();
        assertThat(body(response).get("detail").asText()).doesNotContain("bob", "ACCA");
    }

    @Test
    void delete_whenCallerHasNoUser_answers404() throws Exception {
        assertProblem(routes.handle(event("api-keys-delete.json")), 404, "api-key-not-found");
    }

    @Test
    void delete_malformedId_answers404WithoutCallingIam() throws Exception {
        var event = event("api-keys-delete.json");
        event.setPathParameters(Map.of("id", "..%2F..%2Fadmin"));

        assertProblem(routes.handle(event), 404, "api-key-not-found");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anyRoute_withoutSubject_answers401() throws Exception {
        var event = event("api-keys-list.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("iss", Principals.ISSUER, "email", "x@example.com"));

        APIGatewayV2HTTPResponse response = routes.handle(event);

        assertProblem(response, 401, "unauthorized");
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
