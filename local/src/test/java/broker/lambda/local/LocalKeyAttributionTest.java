package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Long-term keys in the local broker's usage: a record made with a key's IAM user is charged to the person its owner
 * tag names, read from IAM at {@code --iam-endpoint} (WireMock's fake IAM), as the Lambda ingestion does.
 */
class LocalKeyAttributionTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    private static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String PATH = BrokerEnv.DEFAULT_IAM_USER_PATH;

    @TempDir Path dir;
    final FakeIam iam = new FakeIam(Instant::now);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(iam)).build();
    private final RSAKey key = FakeIssuer.rsaKey("k1");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeIssuer issuer;
    private RunningBroker broker;

    @BeforeEach
    void start() throws Exception {
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        iam.addUser("bob", PATH, Map.of(IamUserNames.TAG_SUBJECT, "bob", IamUserNames.TAG_USER, "bob@example.com"));
        iam.addUser("mallory", "/elsewhere/", Map.of(IamUserNames.TAG_SUBJECT, "mallory"));
        issuer = new FakeIssuer();
        issuer.publish(key);
        Path log = dir.resolve("invocations.jsonl");
        Files.writeString(log, String.join("\n", record("k1", "bedrock-broker/users/bob"),
                record("k2", "bedrock-broker/users/bob"), record("k3", "elsewhere/mallory")) + "\n");
        BrokerConfig config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":3600,
                 "longTermKeys":{"allowed":true}}},"adminGroups":["bedrock-admins"]}""".formatted(MODEL)),
                IdentityClaims.DEFAULTS, new BrokerConfig.ClientConfig(issuer.issuer(), "cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create("http://127.0.0.1:9"), URI.create(wire.baseUrl()), PATH,
                "arn:aws:iam::123456789012:policy/bedrock-broker/boundary");
        broker = LocalBroker.start(config, new LocalBrokerOptions(0, List.of("cli"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                new PrintStream(OutputStream.nullOutputStream()), Cors.NONE, null, log));
    }

    @AfterEach
    void stop() {
        if (broker != null) broker.close();
        if (issuer != null) issuer.close();
    }

    @Test
    void recordsOfAKeyUser_areChargedToTheOwnerItsTagNames_andStrangersStayUnattributed() throws Exception {
        JsonNode report = awaitTotal(3);

        assertThat(report.at("/people/0/subject").asText()).isEqualTo("bob");
        assertThat(report.at("/people/0/userName").asText()).isEqualTo("bob@example.com");
        assertThat(report.at("/people/0/requests").asLong()).isEqualTo(2);
        // A user outside the broker's path is not the broker's, whatever its tags say.
        assertThat(report.at("/unattributed/requests").asLong()).isEqualTo(1);
    }

    /**
     * An Auth0 person ({@code auth0|…}: IAM tags refuse {@code |}, so the subject tag is hashed) creates a key through
     * the local broker (the real IAM SDK against the fake IAM); that key's records are charged to exactly their
     * principal, the one their budget is kept under, not to {@code sha256:…}.
     */
    @Test
    void recordsOfAnAuth0PersonsKeyUser_areChargedToTheirExactPrincipal() throws Exception {
        String subject = "auth0|5f7c8ec7c33c6c004bbafe82";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + "/v1/api-keys"))
                .header("Authorization", "Bearer " + token(subject, List.of("developers")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String user = IamUserNames.candidates(subject).getFirst();
        assertThat(iam.user(user)).isNotNull();

        Files.writeString(dir.resolve("invocations.jsonl"), record("k4", "bedrock-broker/users/" + user) + "\n",
                StandardOpenOption.APPEND);
        JsonNode report = awaitTotal(4);

        JsonNode person = null;
        for (JsonNode row : report.get("people")) {
            if (row.get("subject").asText().equals(subject)) person = row;
        }
        assertThat(person).as(report.toString()).isNotNull();
        assertThat(person.get("issuer").asText()).isEqualTo(issuer.issuer());
        assertThat(person.get("requests").asLong()).isEqualTo(1);
        assertThat(report.toString()).doesNotContain("sha256:");
    }

    private JsonNode awaitTotal(long requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode report;
        do {
            report = json.readTree(http.send(HttpRequest.newBuilder(URI.create(broker.baseUri() + "/v1/admin/usage"))
                    .header("Authorization", "Bearer " + token()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (report.at("/totals/requests").asLong() >= requests) return report;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not counted within 10 s: " + report);
    }

    private String token() {
        return token("admin", List.of("bedrock-admins"));
    }

    private String token(String subject, List<String> groups) {
        Instant now = Instant.now();
        return FakeIssuer.sign(key, new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(subject).audience("cli")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("groups", groups).build());
    }

    private static String record(String id, String userPathAndName) {
        return "{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"" + Instant.now()
                + "\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"arn:aws:iam::123456789012:user/"
                + userPathAndName + "\"},\"region\":\"us-east-1\",\"requestId\":\"" + id + "\","
                + "\"operation\":\"Converse\",\"modelId\":\"" + MODEL + "\",\"input\":{\"inputTokenCount\":100},"
                + "\"output\":{\"outputTokenCount\":10}}";
    }
}
