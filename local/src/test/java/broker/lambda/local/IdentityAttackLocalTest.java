package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The holes of issue #16, attacked through the local broker with real tokens from mock-oauth2-server: each of these
 * requests got credentials (or admin rights, or someone else's identity) before the fix.
 */
class IdentityAttackLocalTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String CLI = "bedrock-broker-cli";
    static final String API_AUDIENCE = "api://default";
    static final String BROKER_AUDIENCE = "https://broker.example.com";

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;

    static MockOAuth2Server oidc;
    static HttpClient http;
    final List<RunningBroker> brokers = new ArrayList<>();

    @BeforeAll
    static void startIssuers() {
        oidc = new MockOAuth2Server();
        oidc.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopIssuers() {
        http.close();
        oidc.shutdown();
    }

    @BeforeEach
    void stsAnswers() {
        STS.resetAll();
        STS.stubFor(WireMock.post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(BrokerApiTest.assumeRoleResponse(Instant.now().plusSeconds(1800)))));
    }

    @AfterEach
    void stopBrokers() {
        brokers.forEach(RunningBroker::close);
    }

    @Test
    void emailVerifiedFalseOrMissing_neverNamesTheSessionAfterTheClaimedEmail() throws Exception {
        RunningBroker broker = broker("--audience", CLI);

        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("email", "ceo@example.com", "email_verified", false, "groups", List.of("developers")),
                Map.of("email", "ceo@example.com", "groups", List.of("developers")))) {
            STS.resetRequests();
            HttpResponse<String> response = post(broker, "/v1/credentials", token("default", "mallory", List.of(CLI), claims));

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, String> sent = onlyStsRequest();
            assertThat(sent.get("SourceIdentity")).startsWith("mallory-").doesNotContain("ceo");
            assertThat(tags(sent)).containsEntry("user", "mallory").containsEntry("email", "");
        }
    }

    @Test
    void sharedApiAudience_refusesATokenMintedForAnotherClient() throws Exception {
        RunningBroker broker = broker("--audience", API_AUDIENCE, "--client-id", CLI);
        Map<String, Object> groups = Map.of("groups", List.of("developers"));

        String otherApp = token("default", "someone-elses-app", "alice", List.of(API_AUDIENCE),
                with(groups, "azp", "someone-elses-app"));
        String ourCli = token("default", CLI, "alice", List.of(API_AUDIENCE), with(groups, "azp", CLI));

        assertThat(post(broker, "/v1/credentials", otherApp).statusCode()).isEqualTo(401);
        assertThat(post(broker, "/v1/credentials", ourCli).statusCode()).isEqualTo(200);
    }

    @Test
    void twoSubsWithOneOid_areOnePersonWithOneSourceIdentity() throws Exception {
        RunningBroker broker = broker("--audience", CLI, "--subject-claim", "oid");
        Map<String, Object> claims = Map.of("oid", "0b1c2d3e-oid", "groups", List.of("developers"));

        post(broker, "/v1/credentials", token("default", "sub-seen-by-the-cli", List.of(CLI), claims));
        post(broker, "/v1/credentials", token("default", "sub-seen-by-the-portal", List.of(CLI), claims));
        JsonNode me = JSON.readTree(get(broker, "/v1/me", token("default", "sub-seen-by-the-portal", List.of(CLI), claims)).body());

        List<String> sourceIdentities = stsRequests().stream().map(r -> r.get("SourceIdentity")).distinct().toList();
        assertThat(sourceIdentities).hasSize(1);
        assertThat(me.get("subject").asText()).isEqualTo("0b1c2d3e-oid");
    }

    @Test
    void groupNameQuotingAnotherGroup_isAmbiguousAndGrantsNothing() throws Exception {
        RunningBroker broker = broker("--audience", CLI);
        String injected = token("default", "mallory", List.of(CLI),
                Map.of("groups", List.of("\"x\",\"developers\"")));

        assertThat(post(broker, "/v1/credentials", injected).statusCode()).isEqualTo(403);
        assertThat(stsRequests()).isEmpty();
    }

    @Test
    void groupNamedXSpaceBrokerAdmins_staysOneNameAndIsNeverAnAdmin() throws Exception {
        RunningBroker broker = broker("--audience", CLI, "--permissions-boundary-arn",
                "arn:aws:iam::123456789012:policy/bedrock-broker-key-users");
        String token = token("default", "mallory", List.of(CLI), Map.of("groups", List.of("x broker-admins")));

        JsonNode me = JSON.readTree(get(broker, "/v1/me", token).body());
        HttpResponse<String> revoke = post(broker, "/v1/admin/users/alice/revoke-sessions", token);

        assertThat(me.get("groups")).extracting(JsonNode::asText).containsExactly("x broker-admins");
        assertThat(revoke.statusCode()).isEqualTo(403);
    }

    @Test
    void workloads_matchingTokenGetsItsEntry_otherRepositoryAndPeopleDoNot() throws Exception {
        String github = oidc.issuerUrl("github").toString();
        Path issuers = Files.writeString(dir.resolve("issuers.json"), """
                [{"issuer":"%s","kind":"workload","audiences":["%s"],"userNameClaim":"repository"}]"""
                .formatted(github, BROKER_AUDIENCE));
        RunningBroker broker = broker("--audience", CLI, "--issuers", issuers.toString());
        Map<String, Object> deploy = Map.of("repository", "acme/app", "ref", "refs/heads/main");

        HttpResponse<String> matching = post(broker, "/v1/credentials",
                token("github", "repo:acme/app:ref:refs/heads/main", List.of(BROKER_AUDIENCE), deploy));
        HttpResponse<String> otherRepository = post(broker, "/v1/credentials", token("github",
                "repo:acme/tool:ref:refs/heads/main", List.of(BROKER_AUDIENCE), Map.of("repository", "acme/tool", "ref", "refs/heads/main")));
        HttpResponse<String> personLookingLikeIt = post(broker, "/v1/credentials",
                token("default", "repo:acme/app:ref:refs/heads/main", List.of(CLI), deploy));
        HttpResponse<String> wrongAudience = post(broker, "/v1/credentials",
                token("github", "repo:acme/app:ref:refs/heads/main", List.of(CLI), deploy));

        assertThat(matching.statusCode()).isEqualTo(200);
        Map<String, String> sent = onlyStsRequest();
        assertThat(sent.get("SourceIdentity")).startsWith("acme_app-");
        assertThat(sent.get("Policy")).contains(SONNET).doesNotContain(HAIKU);
        assertThat(tags(sent)).containsEntry("kind", "workload").containsEntry("user", "acme/app");
        assertThat(problemType(otherRepository)).endsWith("/not-entitled");
        assertThat(otherRepository.statusCode()).isEqualTo(403);
        assertThat(personLookingLikeIt.statusCode()).isEqualTo(403);
        assertThat(wrongAudience.statusCode()).isEqualTo(401);
    }

    private RunningBroker broker(String... flags) throws Exception {
        String github = oidc.issuerUrl("github").toString();
        Path entitlements = Files.writeString(dir.resolve("entitlements-" + brokers.size() + ".json"), """
                {"version":1,
                 "groups":{"developers":{"models":["%s"],"regions":["us-east-1"]}},
                 "adminGroups":["broker-admins"],
                 "workloads":[{"name":"app-deploy","issuer":"%s","match":{"repository":"acme/app","ref":"refs/heads/main"},
                               "models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":900}]}"""
                .formatted(HAIKU, github, SONNET));
        List<String> args = new ArrayList<>(List.of("--issuer", oidc.issuerUrl("default").toString(),
                "--role-arn", "arn:aws:iam::123456789012:role/bedrock-users", "--entitlements", entitlements.toString(),
                "--sts-endpoint", STS.baseUrl(), "--region", "us-east-1"));
        args.addAll(List.of(flags));
        LocalBroker.Flags parsed = new LocalBroker.Flags();
        new CommandLine(parsed).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.readIssuers()).isNull();
        BrokerConfig config = parsed.config(BrokerConfig.loadEntitlements(entitlements), Map.of());
        RunningBroker broker = LocalBroker.start(config, new LocalBrokerOptions(0, parsed.acceptedAudiences(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBROKER", "broker-secret")),
                new PrintStream(OutputStream.nullOutputStream())));
        brokers.add(broker);
        return broker;
    }

    private static String token(String issuerId, String subject, List<String> audiences, Map<String, Object> claims) {
        return token(issuerId, "test-client", subject, audiences, claims);
    }

    private static String token(String issuerId, String clientId, String subject, List<String> audiences,
                                Map<String, Object> claims) {
        return oidc.issueToken(issuerId, clientId, new DefaultOAuth2TokenCallback(issuerId, subject, "JWT",
                audiences, claims, 600)).serialize();
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    private static HttpResponse<String> post(RunningBroker broker, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(RunningBroker broker, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String problemType(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("type").asText();
    }

    private static List<Map<String, String>> stsRequests() {
        List<Map<String, String>> all = new ArrayList<>();
        for (var request : STS.findAll(postRequestedFor(urlEqualTo("/")))) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            all.add(form);
        }
        return all;
    }

    private static Map<String, String> onlyStsRequest() {
        List<Map<String, String>> all = stsRequests();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static Map<String, String> tags(Map<String, String> form) {
        return BrokerApiTest.tags(form);
    }
}
