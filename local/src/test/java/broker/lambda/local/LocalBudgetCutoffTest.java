package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.SessionNaming;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The cut-off through the local broker, every part real but AWS: alice is issued credentials (the session name is
 * recorded) and a long-term key; the invocation log grows with her session's records until she crosses her daily cap;
 * within the ingestion lag her sessions are revoked on the Bedrock user role (IAM on WireMock, {@link FakeIam}) and her
 * key is set Inactive, never deleted. Carol, uncapped, keeps her key.
 */
class LocalBudgetCutoffTest {
    private static final String ROLE = "bedrock-broker-users";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/" + ROLE;
    private static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    /** The ledger's, the cut-off's and the restore's clock: the system's, until a test jumps it to a reset. */
    private final OffsetClock budgetClock = new OffsetClock();
    @TempDir Path dir;
    private final RSAKey key = FakeIssuer.rsaKey("k1");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer sts = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final FakeIam iam = new FakeIam(Instant::now);
    private final WireMockServer iamServer =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(iam));
    private FakeIssuer issuer;
    private RunningBroker broker;
    private Path log;
    private int requestIds;

    @BeforeEach
    void start() throws Exception {
        sts.start();
        sts.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/"))
                .willReturn(BrokerUnderTest.assumeRoleAnswer()));
        iamServer.start();
        iamServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/")).atPriority(10)
                .willReturn(aResponse().withTransformers(FakeIam.NAME)));
        issuer = new FakeIssuer();
        issuer.publish(key);
        log = dir.resolve("invocations.jsonl");
        Files.writeString(log, "");
        BrokerConfig config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse("""
                {"version":1,"groups":{
                   "developers":{"models":["%1$s"],"regions":["us-east-1"],"maxSessionSeconds":3600,
                                 "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":7,"maxKeys":2},
                                 "budget":{"dailyUsd":0.01}},
                   "uncapped":{"models":["%1$s"],"regions":["us-east-1"],"maxSessionSeconds":3600,
                               "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":7,"maxKeys":2}}},
                 "adminGroups":["bedrock-admins"]}"""
                        .formatted(MODEL)), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer.issuer(), "cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create(sts.baseUrl()), URI.create(iamServer.baseUrl()), BrokerEnv.DEFAULT_IAM_USER_PATH,
                "arn:aws:iam::123456789012:policy/bedrock-broker-boundary");
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of("cli"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                new PrintStream(OutputStream.nullOutputStream()), Cors.NONE, dir.resolve("state"), log), null, budgetClock);
    }

    @AfterEach
    void stop() {
        if (broker != null) broker.close();
        if (issuer != null) issuer.close();
        sts.stop();
        iamServer.stop();
    }

    @Test
    void crossingTheCap_revokesTheSessionsAndSetsTheKeysInactive_withinTheIngestionLag() throws Exception {
        String aliceSession = issue("alice", "developers");
        String carolSession = issue("carol", "uncapped");
        assertThat(post("alice", "developers", "/v1/api-keys", "{}").statusCode()).isEqualTo(201);
        assertThat(post("carol", "uncapped", "/v1/api-keys", "{}").statusCode()).isEqualTo(201);

        spend(aliceSession, 2_000);
        spend(carolSession, 5_000);
        Thread.sleep(1_000);
        assertThat(keyStatuses("alice", "developers")).containsExactly("active");

        Instant crossing = Instant.now();
        spend(aliceSession, 2_000);

        await(() -> iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME) != null
                && iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME).contains("*-" + SessionNaming.subjectHash("alice")));
        await(() -> keyStatuses("alice", "developers").equals(List.of("inactive")));
        assertThat(Duration.between(crossing, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME)).doesNotContain(SessionNaming.subjectHash("carol"));
        assertThat(keyStatuses("carol", "uncapped")).containsExactly("active");
        assertThat(post("alice", "developers", "/v1/credentials", "{}").statusCode()).isEqualTo(429);
        assertThat(post("alice", "developers", "/v1/api-keys", "{}").statusCode()).isEqualTo(429);
        JsonNode report = json.readTree(get("root", "bedrock-admins", "/v1/admin/usage").body());
        assertThat(report.toString()).contains("\"state\":\"cut-off\"");
        // Deactivated, never deleted.
        assertThat(iam.users().values().stream().mapToLong(u -> u.credentials.size()).sum()).isEqualTo(2);
    }

    @Test
    void anAdminOverrideLiftingTheCap_givesTheKeysBackAtTheNextRestorePass_beforeTheReset() throws Exception {
        String aliceSession = issue("alice", "developers");
        assertThat(post("alice", "developers", "/v1/api-keys", "{}").statusCode()).isEqualTo(201);
        spend(aliceSession, 4_000);
        await(() -> keyStatuses("alice", "developers").equals(List.of("inactive")));
        BudgetEnforcer restorePass = ((LocalBroker.Running) broker).usage().enforcer();
        restorePass.restoreDue();
        assertThat(keyStatuses("alice", "developers")).containsExactly("inactive");

        HttpResponse<String> override = http.send(HttpRequest.newBuilder(URI.create(broker.baseUri()
                        + "/v1/admin/users/alice/budget"))
                .header("Authorization", "Bearer " + token("root", "bedrock-admins"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"unlimited\":true,\"expiresAt\":\""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(override.statusCode()).isEqualTo(200);
        restorePass.restoreDue();

        assertThat(keyStatuses("alice", "developers")).containsExactly("active");
        assertThat(post("alice", "developers", "/v1/credentials", "{}").statusCode()).isEqualTo(200);
        // The revocation stays (final); the key was never deleted.
        assertThat(iam.rolePolicy(ROLE, SessionRevoker.POLICY_NAME)).contains("*-" + SessionNaming.subjectHash("alice"));
        assertThat(iam.users().values().stream().mapToLong(u -> u.credentials.size()).sum()).isEqualTo(1);
    }

    @Test
    void theRestorePassAtTheReset_givesTheKeysBack_andTheCutoffIsForgotten() throws Exception {
        String aliceSession = issue("alice", "developers");
        assertThat(post("alice", "developers", "/v1/api-keys", "{}").statusCode()).isEqualTo(201);
        spend(aliceSession, 4_000);
        await(() -> keyStatuses("alice", "developers").equals(List.of("inactive")));
        BudgetEnforcer restorePass = ((LocalBroker.Running) broker).usage().enforcer();
        Instant reset = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1));
        budgetClock.jumpTo(reset.minusSeconds(1));
        restorePass.restoreDue();
        assertThat(keyStatuses("alice", "developers")).containsExactly("inactive");

        budgetClock.jumpTo(reset);
        restorePass.restoreDue();

        assertThat(keyStatuses("alice", "developers")).containsExactly("active");
        JsonNode report = json.readTree(get("root", "bedrock-admins", "/v1/admin/usage").body());
        assertThat(report.toString()).doesNotContain("\"state\":\"cut-off\"");
        assertThat(iam.users().values().stream().mapToLong(u -> u.credentials.size()).sum()).isEqualTo(1);
    }

    /** The system clock shifted by an offset a test sets (read by the broker's ingestion and restore threads). */
    static final class OffsetClock extends java.time.Clock {
        private volatile Duration offset = Duration.ZERO;

        void jumpTo(Instant instant) {
            offset = Duration.between(Instant.now(), instant);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Credentials for this person through the broker; the RoleSessionName the broker sent STS. */
    private String issue(String subject, String group) throws Exception {
        assertThat(post(subject, group, "/v1/credentials", "{}").statusCode()).isEqualTo(200);
        var requests = sts.findAll(postRequestedFor(urlEqualTo("/")));
        String body = URLDecoder.decode(requests.getLast().getBodyAsString(), StandardCharsets.UTF_8);
        Matcher name = Pattern.compile("RoleSessionName=([^&]+)").matcher(body);
        assertThat(name.find()).isTrue();
        return name.group(1);
    }

    private List<String> keyStatuses(String subject, String group) {
        try {
            JsonNode keys = json.readTree(get(subject, group, "/v1/api-keys").body()).get("apiKeys");
            return java.util.stream.StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("status").asText()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one record of {@code inputTokens} (3 micro-USD each) by this session. */
    private void spend(String session, long inputTokens) throws Exception {
        String record = "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + Instant.now()
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/"
                + ROLE + "/" + session + "\"},\"region\":\"us-east-1\",\"requestId\":\"req-" + (++requestIds)
                + "\",\"operation\":\"Converse\",\"modelId\":\"" + MODEL + "\",\"input\":{\"inputTokenCount\":"
                + inputTokens + "},\"output\":{\"outputTokenCount\":0}}";
        Files.writeString(log, record + "\n", StandardOpenOption.APPEND);
    }

    private static void await(BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 10 s");
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(String subject, String group, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token(subject, group)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String subject, String group, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token(subject, group)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String subject, String group) {
        Instant now = Instant.now();
        return FakeIssuer.sign(key, new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(subject).audience("cli")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("email", subject + "@example.com").claim("groups", List.of(group)).build());
    }
}
