package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.usage.Owner;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The whole local path: a growing invocation log → the ledger → GET /v1/usage and the admin report, within seconds. */
class LocalUsageEndToEndTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    private static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final List<String> ALICE_GROUPS = List.of("developers", "bedrock-admins");

    @TempDir Path dir;
    private final RSAKey key = FakeIssuer.rsaKey("k1");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeIssuer issuer;
    private RunningBroker broker;
    private Path log;
    /** Alice's session name: a pure function of her principal at the fake issuer, known once it runs. */
    private String aliceSession;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        issuer.publish(key);
        Identity aliceAtIssuer = Identity.person(new PrincipalId(issuer.issuer(), "alice"), "alice", "alice@example.com",
                ALICE_GROUPS);
        aliceSession = StsSessionIdentity.of(aliceAtIssuer).roleSessionName();
        log = dir.resolve("invocations.jsonl");
        Files.writeString(log, record("r0", aliceSession, 1000, 100) + "\n");
        BrokerConfig config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":3600}},
                 "adminGroups":["bedrock-admins"]}""".formatted(MODEL)), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer.issuer(), "cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), BrokerEnv.DEFAULT_IAM_USER_PATH, null);
        // The issuance record of alice's session (the state store writes it at issuance).
        Owner alice = new Owner(issuer.issuer(), "alice", "alice", ALICE_GROUPS, Owner.Kind.PERSON);
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of("cli"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                new PrintStream(OutputStream.nullOutputStream()), Cors.NONE, null, log),
                names -> names.contains(aliceSession) ? Map.of(aliceSession, alice) : Map.of());
    }

    @AfterEach
    void stop() {
        if (broker != null) broker.close();
        if (issuer != null) issuer.close();
    }

    @Test
    void recordsAppendedToTheLog_showInTheCallersUsageWithinSeconds_andCountOnce() throws Exception {
        append(record("r1", aliceSession, 2000, 200), record("r2", "someone-elses-session", 10, 0));

        JsonNode usage = awaitRequests(2);
        // 3000 × 3 + 300 × 15 micro-USD
        assertThat(usage.at("/today/costUsd").decimalValue()).isEqualByComparingTo("0.0135");
        assertThat(usage.at("/month/byModel/0/model").asText()).isEqualTo("anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(usage.get("updatedAt").isTextual()).isTrue();

        append(record("r1", aliceSession, 2000, 200), record("r3", aliceSession, 1, 1));
        assertThat(awaitRequests(3).at("/today/requests").asLong()).isEqualTo(3);
    }

    @Test
    void adminReport_listsThePersonAndTheUnattributed_asJsonAndCsv() throws Exception {
        append(record("r1", "someone-elses-session", 10, 0));
        awaitUnattributed();

        JsonNode report = json.readTree(get("/v1/admin/usage", "application/json").body());
        assertThat(report.at("/people/0/subject").asText()).isEqualTo("alice");
        assertThat(report.at("/unattributed/requests").asLong()).isEqualTo(1);
        assertThat(report.at("/totals/requests").asLong()).isEqualTo(2);
        HttpResponse<String> csv = get("/v1/admin/usage", "text/csv");
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("subject,userName,groups,kind,costUsd").contains("\r\nalice,alice,");
    }

    @Test
    void adminReport_badMonth_isAProblem() throws Exception {
        HttpResponse<String> answer = get("/v1/admin/usage?month=12-2026", "application/json");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid-field");
    }

    private JsonNode awaitRequests(long requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode usage;
        do {
            usage = json.readTree(get("/v1/usage", "application/json").body());
            if (usage.at("/today/requests").asLong() >= requests) return usage;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not counted within 5 s: " + usage);
    }

    private void awaitUnattributed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode report = json.readTree(get("/v1/admin/usage", "application/json").body());
            if (report.at("/unattributed/requests").asLong() >= 1) return;
            Thread.sleep(50);
        }
        throw new AssertionError("unattributed record not counted within 5 s");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + path))
                .header("Authorization", "Bearer " + token()).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token() {
        Instant now = Instant.now();
        return FakeIssuer.sign(key, new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject("alice").audience("cli")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("groups", ALICE_GROUPS).build());
    }

    private void append(String... records) throws Exception {
        Files.writeString(log, String.join("\n", records) + "\n", StandardOpenOption.APPEND);
    }

    private static String record(String id, String session, long input, long output) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + Instant.now()
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/"
                + "bedrock-broker-users/" + session + "\"},\"region\":\"us-east-1\",\"requestId\":\"" + id + "\","
                + "\"operation\":\"Converse\",\"modelId\":\"" + MODEL + "\",\"input\":{\"inputTokenCount\":" + input
                + "},\"output\":{\"outputTokenCount\":" + output + "}}";
    }
}
