package broker.lambda.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.ApiRoutes;
import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.aws.IamWire;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.revocation.Sleeper;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateStores;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Every route's body, path and query parameters, content type and claims, fuzzed through the real routes: no answer
 * is a 500, no exception escapes, every answer is a valid success or a valid problem+json, and every IAM parameter the
 * API-key and admin routes send (through the real SDK client, to a stateful IAM on WireMock that also injects faults
 * into one action) is within IAM's documented limits.
 */
class RoutesFuzzTest {
    static final String STS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzFUZZSECRET";
    static final String STS_TOKEN = "IQoJb3JpZ2luX2VjEFUZZSESSIONTOKEN";
    static final String IAM_SECRET_PREFIX = "ABSKRmFrZUlhbVNlY3JldA";
    static final List<String> SECRETS = List.of(STS_SECRET, STS_TOKEN, IAM_SECRET_PREFIX);
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{
               "developers":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                                       "anthropic.claude-haiku-4-5-20251001-v1:0"],
                             "regions":["us-east-1","us-west-2"],"shortTermKeys":true,
                             "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":7,"maxKeys":2}},
               "interns":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                          "maxSessionSeconds":900}},
             "adminGroups":["bedrock-admins"]}""";

    // IAM's documented limits, written out independently of the code under test.
    static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    static final Pattern IAM_PATH = Pattern.compile("/|/[\\x21-\\x7E]{1,510}/");
    static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final Pattern CREDENTIAL_ID = Pattern.compile("\\w{20,128}");
    static final List<String> IAM_ACTIONS = List.of("GetUser", "ListUserTags", "CreateUser", "TagUser", "UntagUser",
            "PutUserPermissionsBoundary", "PutUserPolicy", "CreateServiceSpecificCredential",
            "ListServiceSpecificCredentials", "DeleteServiceSpecificCredential", "GetRolePolicy", "PutRolePolicy");

    static final FakeIam IAM = new FakeIam(Instant::now);
    static WireMockServer wire;
    static IamClient iamClient;
    static BrokerConfig config;
    static final List<AuditEvent> audits = Collections.synchronizedList(new ArrayList<>());

    static final AuditLog AUDIT = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            audits.add(event);
        }

        @Override
        public void upstreamLatency(String service, Duration latency) {
        }
    };

    /** One IAM action answering with one kind of failure (or no fault at all). */
    record IamFault(String action, String kind) {
        ResponseDefinitionBuilder answer() {
            return switch (kind) {
                case "throttling" -> IamWire.error(400, "Throttling", "Rate exceeded");
                case "server-error" -> IamWire.error(500, "InternalFailure", "internal failure");
                case "unavailable" -> IamWire.error(503, "ServiceUnavailable", "unavailable");
                case "access-denied" -> IamWire.error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/x is not authorized");
                case "no-such-entity" -> IamWire.error(404, "NoSuchEntity", "cannot be found");
                case "limit-exceeded" -> IamWire.error(409, "LimitExceeded", "limit exceeded");
                case "not-xml" -> aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("<<<not xml");
                case "empty" -> aResponse().withStatus(200);
                case "reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
                default -> null;
            };
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        wire = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(IAM));
        wire.start();
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        iamClient = IamWire.client(wire.baseUrl());
        config = new BrokerConfig(IamRouteFixture.ROLE_ARN, "us-east-1", EntitlementsDocument.parse(ENTITLEMENTS),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "broker-cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "us.anthropic.claude-sonnet-4-5-20250929-v1:0", ""),
                null, null, IamRouteFixture.USER_PATH, IamRouteFixture.BOUNDARY);
    }

    @AfterContainer
    static void stop() {
        iamClient.close();
        wire.stop();
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void credentialsRoutes_anyEvent_answersASuccessOrAProblemAndNever500(
            @ForAll("credentialsEvents") APIGatewayV2HTTPEvent event, @ForAll("stsOutcomes") StsOutcome outcome)
            throws Exception {
        audits.clear();
        CredentialsRoutes routes = CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(command -> outcome, AUDIT, Clock.systemUTC()));

        APIGatewayV2HTTPResponse response = routes.handle(event);

        FuzzEvents.assertWellFormed(response, SECRETS);
        assertAuditedAtMostOnceWithoutSecrets(response);
        // The fuzzer must reach issuance and every kind of refusal, not only the parser.
        Statistics.collect(response.getStatusCode());
        Statistics.coverage(checker -> {
            checker.check(200).percentage(p -> p > 10);
            checker.check(400).percentage(p -> p > 5);
            checker.check(403).count(c -> c > 0);
            checker.check(401).count(c -> c > 0);
        });
    }

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void apiKeysRoutes_anyEventAndIamFault_answersASuccessOrAProblemAndSendsIamOnlyValidParameters(
            @ForAll("apiKeysEvents") APIGatewayV2HTTPEvent event, @ForAll("iamFaults") IamFault fault) throws Exception {
        ApiKeysRoutes routes = KeysWiring.apiKeysRoutes(config, KeysWiring.ApiKeysPorts.of(new IamApiKeys(iamClient), AUDIT, Clock.systemUTC()));

        APIGatewayV2HTTPResponse response = withFault(fault, () -> routes.handle(event));

        FuzzEvents.assertWellFormed(response, response.getStatusCode() == 201 ? List.of(STS_SECRET) : SECRETS);
        assertAuditedAtMostOnceWithoutSecrets(response);
        assertIamParametersWithinLimits();
        Statistics.collect(response.getStatusCode());
        Statistics.coverage(checker -> {
            checker.check(201).count(c -> c > 0);
            checker.check(200).count(c -> c > 0);
            checker.check(400).count(c -> c > 0);
            checker.check(404).count(c -> c > 0);
        });
    }

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void adminRoutes_anyEventAndIamFault_answersASuccessOrAProblemAndSendsIamOnlyValidParameters(
            @ForAll("adminEvents") APIGatewayV2HTTPEvent event, @ForAll("iamFaults") IamFault fault) throws Exception {
        AdminRoutes routes = KeysWiring.adminRoutes(config, KeysWiring.AdminPorts.of(new IamApiKeys(iamClient),
                new IamRolePolicy(iamClient, IamRolePolicy.roleName(IamRouteFixture.ROLE_ARN), SessionRevoker.POLICY_NAME),
                AUDIT, Clock.systemUTC()).withState(adminPeople()).withSleeper(Sleeper.THREAD));

        APIGatewayV2HTTPResponse response = withFault(fault, () -> routes.handle(event));

        FuzzEvents.assertWellFormed(response, SECRETS);
        assertAuditedAtMostOnceWithoutSecrets(response);
        assertIamParametersWithinLimits();
        Statistics.collect(response.getStatusCode());
        Statistics.coverage(checker -> {
            checker.check(200).count(c -> c > 0);
            checker.check(403).count(c -> c > 0);
        });
    }

    /**
     * The admin property's own people: the fuzzer's usual users, known to the broker as people it issued to at the
     * configured issuer, so that listing their keys and revoking their sessions succeed (200) whatever the other
     * properties left in IAM, and whether or not they ran first.
     */
    static StateStores adminPeople() {
        StateStores state = StateStores.inMemory();
        for (String user : List.of("alice", "00u1abcd")) {
            state.people().recordIssuance(PersonRecord.of(Identity.person(
                    new PrincipalId("https://idp.example.com", user), user, "", List.of("developers")),
                    IssuanceKind.CREDENTIALS, Instant.now()));
        }
        return state;
    }

    @Property(tries = 200)
    void publicRoutes_anyEvent_answersASuccessOrAProblemAndNever500(@ForAll("publicEvents") APIGatewayV2HTTPEvent event)
            throws Exception {
        APIGatewayV2HTTPResponse response = CredentialsWiring.publicRoutes(config).handle(event);

        assertThat(response.getStatusCode()).as(response.getBody()).isNotEqualTo(500);
        if (response.getStatusCode() >= 400) FuzzEvents.assertWellFormed(response, SECRETS);
    }

    interface Call {
        APIGatewayV2HTTPResponse run();
    }

    static APIGatewayV2HTTPResponse withFault(IamFault fault, Call call) {
        audits.clear();
        wire.resetRequests();
        ResponseDefinitionBuilder answer = fault.answer();
        StubMapping stub = answer == null ? null : wire.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withFormParam("Action", equalTo(fault.action())).willReturn(answer));
        try {
            return call.run();
        } finally {
            if (stub != null) wire.removeStub(stub);
        }
    }

    static void assertAuditedAtMostOnceWithoutSecrets(APIGatewayV2HTTPResponse response) {
        List<AuditEvent> events = List.copyOf(audits);
        assertThat(events).as("audit events for one request").hasSizeLessThanOrEqualTo(1);
        for (AuditEvent event : events) {
            for (String secret : SECRETS) assertThat(event.toString()).doesNotContain(secret);
        }
        if (response.getStatusCode() == 429 || response.getStatusCode() == 503 || response.getStatusCode() == 502) {
            assertThat(events).as("an upstream refusal is audited").hasSize(1);
        }
    }

    static void assertIamParametersWithinLimits() throws Exception {
        for (ServeEvent served : wire.getAllServeEvents()) {
            Map<String, String> form = IamWire.form(served.getRequest().getBodyAsString());
            String action = form.get("Action");
            assertThat(action).isIn(IAM_ACTIONS);
            form.forEach((name, value) -> {
                switch (name) {
                    case "UserName", "RoleName" -> assertThat(value).as(action + " " + name).matches(IAM_NAME);
                    case "PolicyName" -> assertThat(value).as(action + " " + name).matches(POLICY_NAME);
                    case "Path" -> assertThat(value).as(action + " Path").hasSizeLessThanOrEqualTo(512).matches(IAM_PATH);
                    case "PermissionsBoundary" -> assertThat(value).isEqualTo(IamRouteFixture.BOUNDARY);
                    case "ServiceName" -> assertThat(value).isEqualTo("bedrock.amazonaws.com");
                    case "CredentialAgeDays" -> assertThat(Integer.parseInt(value)).isBetween(1, 36600);
                    case "ServiceSpecificCredentialId" -> assertThat(value).matches(CREDENTIAL_ID);
                    case "PolicyDocument" -> {
                        assertThat(value.replaceAll("\\s", "").length()).as(action + " policy size")
                                .isLessThanOrEqualTo(action.equals("PutUserPolicy") ? 2048 : 10240);
                        try {
                            assertThat(FuzzEvents.STRICT.readTree(value).isObject()).isTrue();
                        } catch (Exception e) {
                            throw new AssertionError(action + " sent a policy that is not JSON: " + value, e);
                        }
                    }
                    default -> {
                        if (name.startsWith("Tags.member.")) {
                            int index = Integer.parseInt(name.split("\\.")[2]);
                            assertThat(index).as("tags in one call").isBetween(1, 50);
                            if (name.endsWith(".Key")) {
                                assertThat(value).hasSizeBetween(1, 128).matches(TAG_TEXT).doesNotStartWithIgnoringCase("aws:");
                            } else {
                                assertThat(value).hasSizeLessThanOrEqualTo(256).matches(TAG_TEXT);
                            }
                        } else if (name.startsWith("TagKeys.member.")) {
                            assertThat(value).hasSizeBetween(1, 128).matches(TAG_TEXT);
                        } else {
                            assertThat(name).as(action + " parameter").isIn("Action", "Version");
                        }
                    }
                }
            });
        }
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> credentialsEvents() {
        return FuzzEvents.events(List.of(ApiRoutes.ME.key(), ApiRoutes.CREDENTIALS_ROUTE.key(), ApiRoutes.BEARER_TOKENS.key()),
                List.of());
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> apiKeysEvents() {
        return FuzzEvents.events(List.of(ApiRoutes.API_KEY_CREATE.key(), ApiRoutes.API_KEY_LIST.key(), ApiRoutes.API_KEY_DELETE.key()), List.of("id"));
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> adminEvents() {
        List<String> routes = List.of(ApiRoutes.ADMIN_LIST_KEYS.key(), ApiRoutes.ADMIN_DELETE_KEY.key(),
                ApiRoutes.ADMIN_REVOKE_SESSIONS.key(), ApiRoutes.ADMIN_REVOKE_ALL_SESSIONS.key());
        // Mostly anything; now and then a well-formed admin request about one of the admin property's own people
        // (adminPeople), so that successes are reached by this property alone, not by what others left in IAM.
        return Arbitraries.frequencyOf(
                Tuple.of(5, FuzzEvents.events(routes, List.of("user", "id"))),
                Tuple.of(1, Combinators.combine(Arbitraries.of(routes), Arbitraries.of("alice", "00u1abcd"))
                        .as(RoutesFuzzTest::adminRequest)));
    }

    /** A well-formed request of a member of the admin group, signed in at the configured issuer, about {@code user}. */
    static APIGatewayV2HTTPEvent adminRequest(String routeKey, String user) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String path = routeKey.substring(routeKey.indexOf(' ') + 1).replace("{user}", user)
                .replace("{id}", "ACCAFAKEIAM0000000001");
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(Map.of("sub", "00u9admin", "groups", "[bedrock-admins]", "iss", "https://idp.example.com"))
                .withScopes(List.of("openid")).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json", "user-agent", "fuzzer/1.0"))
                .withPathParameters(Map.of("user", user, "id", "ACCAFAKEIAM0000000001"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-fuzz")
                        .withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").withUserAgent("fuzzer/1.0").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build())
                        .build())
                .build();
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> publicEvents() {
        return FuzzEvents.events(List.of("GET /v1/client-config", "GET /v1/openapi.json"), List.of());
    }

    @Provide
    Arbitrary<StsOutcome> stsOutcomes() {
        Arbitrary<String> refusalCode = Arbitraries.oneOf(
                Arbitraries.of("AccessDenied", "PackedPolicyTooLarge", "RegionDisabledException"), FuzzEvents.hostile());
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3, 4, 5), Arbitraries.longs().between(-3_600, 43_200),
                refusalCode).as((kind, seconds, code) -> switch (kind) {
                    case 3 -> new StsOutcome.Throttled(Duration.ofMillis(Math.abs(seconds)));
                    case 4 -> new StsOutcome.Unavailable(Duration.ofMillis(Math.abs(seconds)));
                    case 5 -> new StsOutcome.Refused(code);
                    default -> new StsOutcome.Assumed(new SessionCredentials("ASIAFUZZEXAMPLE", STS_SECRET, STS_TOKEN,
                            Instant.now().plusSeconds(seconds)));
                });
    }

    @Provide
    Arbitrary<IamFault> iamFaults() {
        Arbitrary<String> kind = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("none")),
                Tuple.of(1, Arbitraries.of("throttling", "server-error", "unavailable", "access-denied", "no-such-entity",
                        "limit-exceeded", "not-xml", "empty", "reset")));
        return Combinators.combine(Arbitraries.of(IAM_ACTIONS), kind).as(IamFault::new);
    }
}
