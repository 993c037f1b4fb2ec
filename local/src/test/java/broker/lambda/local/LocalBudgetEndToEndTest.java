package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.testing.Principals;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.usage.Owner;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Budgets through the local broker: a growing invocation log → the ledger → the check at issuance. Alice's daily cap is
 * $0.01 (thresholds 50 % and 80 %), the monthly-capped bob's $0.01 a month; carol has no cap. Each input token
 * of a record costs 3 micro-USD ($3 per million).
 */
class LocalBudgetEndToEndTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    private static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    // People by subject; their issuer is the fake issuer of each test (see atIssuer).
    private static final Identity ALICE = Principals.person("alice", "alice", "alice@example.com", List.of("developers"));
    private static final Identity BOB = Principals.person("bob", "bob", "bob@example.com", List.of("monthly"));
    private static final Identity CAROL = Principals.person("carol", "carol", "carol@example.com", List.of("uncapped"));
    private static final Identity ADMIN = Principals.person("root", "root", "root@example.com", List.of("bedrock-admins"));

    @TempDir Path dir;
    private final RSAKey key = FakeIssuer.rsaKey("k1");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer sts = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private FakeIssuer issuer;
    private RunningBroker broker;
    private Path log;
    private int requestIds;

    @BeforeEach
    void start() throws Exception {
        sts.start();
        sts.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/")).willReturn(BrokerUnderTest.assumeRoleAnswer()));
        issuer = new FakeIssuer();
        issuer.publish(key);
        log = dir.resolve("invocations.jsonl");
        Files.writeString(log, "");
        BrokerConfig config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse("""
                {"version":1,"groups":{
                   "developers":{"models":["%1$s"],"regions":["us-east-1"],"maxSessionSeconds":3600,"shortTermKeys":true,
                                 "budget":{"dailyUsd":0.01,"warnAtPercent":[50,80]}},
                   "monthly":{"models":["%1$s"],"regions":["us-east-1"],"maxSessionSeconds":3600,
                              "budget":{"monthlyUsd":0.01}},
                   "uncapped":{"models":["%1$s"],"regions":["us-east-1"],"maxSessionSeconds":3600}},
                 "adminGroups":["bedrock-admins"]}""".formatted(MODEL)), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer.issuer(), "cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create(sts.baseUrl()), URI.create("http://127.0.0.1:9"), BrokerEnv.DEFAULT_IAM_USER_PATH,
                "arn:aws:iam::123456789012:policy/bedrock-broker-boundary");
        Map<String, Owner> owners = Map.of(session(ALICE), owner(ALICE), session(BOB), owner(BOB), session(CAROL), owner(CAROL));
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of("cli"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                new PrintStream(OutputStream.nullOutputStream()), Cors.NONE, dir.resolve("state"), log),
                names -> owners.entrySet().stream().filter(e -> names.contains(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @AfterEach
    void stop() {
        if (broker != null) broker.close();
        if (issuer != null) issuer.close();
        sts.stop();
    }

    @Test
    void belowEveryThreshold_issuesAsUsual_withoutABudgetObject() throws Exception {
        spend(ALICE, 1_333);
        awaitSpent(ALICE, 1_333);

        HttpResponse<String> answer = post(ALICE, "/v1/credentials", "{}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).has("budget")).isFalse();
        sts.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("DurationSeconds=3600")));
    }

    @Test
    void atTheFirstThreshold_issuesAsUsual_andTheAnswerCarriesTheBudget() throws Exception {
        spend(ALICE, 2_000);
        awaitSpent(ALICE, 2_000);

        JsonNode answer = json.readTree(post(ALICE, "/v1/credentials", "{}").body());

        assertThat(answer.at("/budget/state").asText()).isEqualTo("warned");
        assertThat(answer.at("/budget/period").asText()).isEqualTo("day");
        assertThat(answer.at("/budget/used").decimalValue()).isEqualByComparingTo("0.006");
        assertThat(answer.at("/budget/limit").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(answer.at("/budget/threshold").asInt()).isEqualTo(50);
        assertThat(answer.at("/budget/resetsAt").asText()).isEqualTo(tomorrow().toString());
        sts.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("DurationSeconds=3600")));
    }

    @Test
    void atTheLastThreshold_sessionsLastAtMost15Minutes() throws Exception {
        spend(ALICE, 2_667);
        awaitSpent(ALICE, 2_667);

        JsonNode credentials = json.readTree(post(ALICE, "/v1/credentials", "{\"durationSeconds\":3600}").body());
        JsonNode token = json.readTree(post(ALICE, "/v1/bearer-tokens", "{}").body());

        assertThat(credentials.at("/budget/state").asText()).isEqualTo("shortened");
        assertThat(token.at("/budget/state").asText()).isEqualTo("shortened");
        sts.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("DurationSeconds=900")));
        sts.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("DurationSeconds=3600")));
    }

    @Test
    void overTheDailyCap_refuses429WithRetryAfterUntilMidnight_andCallsNoSts() throws Exception {
        spend(ALICE, 2_000);
        spend(ALICE, 1_667);
        awaitSpent(ALICE, 3_667);

        HttpResponse<String> answer = post(ALICE, "/v1/credentials", "{}");

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
        long untilMidnight = Duration.between(Instant.now(), tomorrow()).toSeconds();
        assertThat(Long.parseLong(answer.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(untilMidnight - 5, untilMidnight + 1);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("type").asText()).endsWith("/budget-exhausted");
        assertThat(problem.get("detail").asText()).contains("daily budget of $0.01").contains(tomorrow().toString());
        assertThat(problem.at("/budget/state").asText()).isEqualTo("exhausted");
        assertThat(post(ALICE, "/v1/bearer-tokens", "{}").statusCode()).isEqualTo(429);
        sts.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void overTheMonthlyCap_refusesUntilTheFirstOfNextMonth() throws Exception {
        spend(BOB, 3_334);
        awaitSpent(BOB, 3_334);

        HttpResponse<String> answer = post(BOB, "/v1/credentials", "{}");

        assertThat(answer.statusCode()).isEqualTo(429);
        Instant nextMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(json.readTree(answer.body()).get("detail").asText()).contains("monthly budget").contains(nextMonth.toString());
    }

    @Test
    void twoPeople_oneCapped_theOtherUnaffected() throws Exception {
        spend(ALICE, 6_667);
        spend(CAROL, 6_667);
        awaitSpent(ALICE, 6_667);
        awaitSpent(CAROL, 6_667);

        assertThat(post(ALICE, "/v1/credentials", "{}").statusCode()).isEqualTo(429);
        HttpResponse<String> carol = post(CAROL, "/v1/credentials", "{}");
        assertThat(carol.statusCode()).isEqualTo(200);
        assertThat(json.readTree(carol.body()).has("budget")).isFalse();
    }

    @Test
    void me_showsTheCapsTheStandingAndTheState() throws Exception {
        spend(ALICE, 2_000);
        awaitSpent(ALICE, 2_000);

        JsonNode me = json.readTree(get(ALICE, "/v1/me").body());

        assertThat(me.at("/budget/dailyUsd").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(me.at("/budget/monthlyUsd").isMissingNode()).isTrue();
        assertThat(me.at("/budget/warnAtPercent").toString()).isEqualTo("[50,80]");
        assertThat(me.at("/budget/state").asText()).isEqualTo("warned");
        assertThat(me.at("/budget/periods/0/period").asText()).isEqualTo("day");
        assertThat(me.at("/budget/periods/0/used").decimalValue()).isEqualByComparingTo("0.006");
    }

    @Test
    void anAdminsOverride_liftsTheCapAtTheNextIssuance_andExpires() throws Exception {
        assertThat(post(ALICE, "/v1/credentials", "{}").statusCode()).isEqualTo(200);
        spend(ALICE, 3_667);
        awaitSpent(ALICE, 3_667);
        assertThat(post(ALICE, "/v1/credentials", "{}").statusCode()).isEqualTo(429);

        HttpResponse<String> set = put(ADMIN, "/v1/admin/users/alice/budget",
                "{\"dailyUsd\":1,\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        HttpResponse<String> after = post(ALICE, "/v1/credentials", "{}");
        assertThat(after.statusCode()).isEqualTo(200);
        JsonNode me = json.readTree(get(ALICE, "/v1/me").body());
        assertThat(me.at("/budget/dailyUsd").decimalValue()).isEqualByComparingTo("1");
        assertThat(me.at("/budget/overrideExpiresAt").isTextual()).isTrue();
    }

    @Test
    void adminUsage_showsEachPersonsCapAndState() throws Exception {
        spend(ALICE, 3_667);
        spend(CAROL, 100);
        awaitSpent(ALICE, 3_667);
        awaitSpent(CAROL, 100);

        JsonNode report = json.readTree(get(ADMIN, "/v1/admin/usage").body());

        JsonNode alice = person(report, "alice");
        assertThat(alice.at("/budget/dailyUsd").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(alice.at("/budget/state").asText()).isIn("exhausted", "cut-off");
        JsonNode carol = person(report, "carol");
        assertThat(carol.at("/budget/state").asText()).isEqualTo("ok");
        assertThat(carol.at("/budget/dailyUsd").isMissingNode()).isTrue();
    }

    private static JsonNode person(JsonNode report, String subject) {
        for (JsonNode row : report.get("people")) {
            if (row.get("subject").asText().equals(subject)) return row;
        }
        throw new AssertionError(subject + " not in " + report);
    }

    @Test
    void anAdminsOverride_badBody_isAProblem() throws Exception {
        assertThat(post(ALICE, "/v1/credentials", "{}").statusCode()).isEqualTo(200);

        HttpResponse<String> set = put(ADMIN, "/v1/admin/users/alice/budget", "{\"dailyUsd\":\"lots\"}");

        assertThat(set.statusCode()).isEqualTo(400);
        assertThat(set.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(set.body()).contains("dailyUsd").contains("expiresAt");
    }

    private HttpResponse<String> put(Identity who, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token(who)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Instant tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Appends one record of {@code inputTokens} (3 micro-USD each: $3 per million) by this person's session. */
    private void spend(Identity who, long inputTokens) throws Exception {
        String record = "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + Instant.now()
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/"
                + "bedrock-broker-users/" + session(who) + "\"},\"region\":\"us-east-1\",\"requestId\":\"req-"
                + (++requestIds) + "\",\"operation\":\"Converse\",\"modelId\":\"" + MODEL
                + "\",\"input\":{\"inputTokenCount\":" + inputTokens + "},\"output\":{\"outputTokenCount\":0}}";
        Files.writeString(log, record + "\n", StandardOpenOption.APPEND);
    }

    private void awaitSpent(Identity who, long inputTokens) throws Exception {
        await(who, "/v1/usage", usage -> usage.at("/today/inputTokens").asLong() >= inputTokens);
    }

    private void await(Identity who, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode body;
        do {
            body = json.readTree(get(who, path).body());
            if (done.test(body)) return;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not reached within 5 s: " + body);
    }

    private HttpResponse<String> get(Identity who, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token(who)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Identity who, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token(who)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(Identity who) {
        Instant now = Instant.now();
        return FakeIssuer.sign(key, new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(who.subject()).audience("cli")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("groups", who.groups()).build());
    }

    private String session(Identity who) {
        return StsSessionIdentity.of(atIssuer(who)).roleSessionName();
    }

    private Owner owner(Identity who) {
        return new Owner(issuer.issuer(), who.subject(), who.userName(), who.groups(), Owner.Kind.PERSON);
    }

    /** The same person signed in through this test's issuer, as the broker sees them. */
    private Identity atIssuer(Identity who) {
        return Identity.person(new PrincipalId(issuer.issuer(), who.subject()), who.userName(), who.email(), who.groups());
    }
}
