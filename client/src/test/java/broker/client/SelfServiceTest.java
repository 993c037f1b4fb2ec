package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code api-key}, {@code whoami}, {@code status} and {@code logout} against WireMock stubs of the broker's contract. */
class SelfServiceTest {
    private static final String SECRET = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlc2VjcmV0";
    private static final String PROBLEM = "application/problem+json";

    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
        world.configureAndLogin();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void stubProblem(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String type,
                             String title, String detail) {
        world.broker.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", PROBLEM)
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/" + type + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\"req-1\"}")));
    }

    @Test
    void apiKeyCreate_printsTheSecretOnceWithItsExpiry() {
        world.broker.stubFor(post("/v1/api-keys").withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(equalToJson("{\"ageDays\":30,\"label\":\"build server\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"ACCAEXAMPLE1\",\"secret\":\"" + SECRET + "\",\"label\":\"build server\","
                                + "\"createdAt\":\"2026-11-25T12:00:01Z\",\"expiration\":\"2026-12-25T12:00:01Z\","
                                + "\"status\":\"active\"}")));

        TestWorld.Run run = world.run("api-key", "create", "--days", "30", "--label", "build server");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Secret:   " + SECRET + "\nKey id:   ACCAEXAMPLE1\nLabel:    build server\n"
                + "Expires:  2026-12-25T12:00:01Z\n");
        assertThat(run.err()).contains("shown only this once").doesNotContain(SECRET);
    }

    @Test
    void apiKeyCreate_json_printsTheWholeAnswer() {
        world.broker.stubFor(post("/v1/api-keys").withRequestBody(equalToJson("{}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"ACCA2\",\"secret\":\"" + SECRET + "\",\"label\":null,"
                                + "\"createdAt\":\"2026-11-25T12:00:01Z\",\"expiration\":\"2026-12-25T12:00:01Z\","
                                + "\"status\":\"active\"}")));

        TestWorld.Run run = world.run("api-key", "create", "--json");

        assertThat(Json.parseObject(run.out().strip())).containsEntry("id", "ACCA2").containsEntry("secret", SECRET)
                .containsEntry("expiration", "2026-12-25T12:00:01Z");
    }

    @Test
    void apiKeyCreate_notEntitled_exits5WithTheBrokersReason() {
        stubProblem(post("/v1/api-keys"), 403, "not-entitled", "Not entitled",
                "Your entitlement does not allow long-term API keys.");

        TestWorld.Run run = world.run("api-key", "create");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("the broker refused: Not entitled: Your entitlement does not allow long-term API"
                + " keys. (HTTP 403). Ask your platform team for access.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void apiKeyCreate_limitReached_saysToRevokeOneFirst() {
        stubProblem(post("/v1/api-keys"), 409, "api-key-limit", "API key limit reached", "You already hold 2 keys.");

        TestWorld.Run run = world.run("api-key", "create");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("(HTTP 409)").contains("bedrock-broker api-key list, then api-key revoke <id>");
    }

    @Test
    void apiKeyList_printsATableWithoutSecrets() {
        world.broker.stubFor(get("/v1/api-keys").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"apiKeys\":[{\"id\":\"ACCA1\",\"label\":\"build\",\"createdAt\":\"2026-11-01T00:00:00Z\","
                        + "\"expiration\":\"2026-12-01T00:00:00Z\",\"status\":\"active\"},{\"id\":\"ACCA22\",\"label\":null,"
                        + "\"createdAt\":\"2026-10-01T00:00:00Z\",\"expiration\":\"2026-10-31T00:00:00Z\","
                        + "\"status\":\"expired\"}],\"maxKeys\":2}")));

        TestWorld.Run run = world.run("api-key", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID      LABEL  CREATED               EXPIRES               STATUS
                ACCA1   build  2026-11-01T00:00:00Z  2026-12-01T00:00:00Z  active
                ACCA22         2026-10-01T00:00:00Z  2026-10-31T00:00:00Z  expired
                2 of at most 2 keys.
                """);
    }

    @Test
    void apiKeyList_json_andEmpty() {
        world.broker.stubFor(get("/v1/api-keys").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"apiKeys\":[],\"maxKeys\":2}")));

        assertThat(world.run("api-key", "list").out()).isEqualTo("No API keys. You may hold up to 2.\n");
        assertThat(world.run("api-key", "list", "--json").out()).isEqualTo("{\"apiKeys\":[],\"maxKeys\":2}\n");
    }

    @Test
    void apiKeyRevoke_deletesTheKeyById() {
        world.broker.stubFor(delete("/v1/api-keys/ACCA1").willReturn(aResponse().withStatus(204)));

        TestWorld.Run run = world.run("api-key", "revoke", "ACCA1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Revoked API key ACCA1.\n");
        world.broker.verify(deleteRequestedFor(urlPathEqualTo("/v1/api-keys/ACCA1"))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    void apiKeyRevoke_idWithSlashes_staysOnePathSegment() {
        stubProblem(delete(urlPathEqualTo("/v1/api-keys/..%2Fadmin")), 404, "api-key-not-found", "API key not found",
                "No such key.");

        TestWorld.Run run = world.run("api-key", "revoke", "../admin");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("API key not found").contains("api-key list");
    }

    @Test
    void apiKey_brokerRejectsTheToken_renewsItOnceThenAsksForALogin() {
        world.broker.stubFor(get("/v1/api-keys").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", PROBLEM).withBody("{\"title\":\"Unauthorized\",\"status\":401}")));

        TestWorld.Run run = world.run("api-key", "list");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("bedrock-broker login");
        assertThat(world.broker.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/v1/api-keys")).build()).getCount()).isEqualTo(2);
    }

    @Test
    void whoami_printsIdentityAndEntitlement() {
        world.broker.stubFor(get("/v1/me").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"subject\":\"alice\",\"userName\":\"alice\",\"email\":\"alice@example.com\","
                        + "\"groups\":[\"developers\"],\"entitlement\":{\"models\":[\"anthropic.claude-haiku\"],"
                        + "\"regions\":[\"us-east-1\"],\"grants\":[],\"maxSessionSeconds\":3600,\"shortTermKeys\":true,"
                        + "\"longTermKeys\":{\"allowed\":true,\"maxAgeDays\":30,\"defaultAgeDays\":7,\"maxKeys\":2},"
                        + "\"admin\":false}}")));

        TestWorld.Run run = world.run("whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Subject:          alice\n").contains("Email:            alice@example.com\n")
                .contains("Groups:           developers\n").contains("Models:           anthropic.claude-haiku\n")
                .contains("Long-term keys:   up to 2, each for at most 30 days").doesNotContain("Admin");
        assertThat(Json.parseObject(world.run("whoami", "--json").out())).containsEntry("email", "alice@example.com");
    }

    @Test
    void whoami_noEntitlement_saysSo() {
        world.broker.stubFor(get("/v1/me").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"subject\":\"bob\",\"groups\":[],\"entitlement\":null}")));

        assertThat(world.run("whoami").out()).contains("Entitlement:      none");
    }

    @Test
    void status_showsProfileSignInCredentialsAndBroker() {
        world.run("credential-process");

        TestWorld.Run run = world.run("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Profile:      default").contains("Broker:       " + world.brokerUrl()
                + ", region us-east-1 (reachable)").contains("Signed in:    yes, as ").contains("renewed silently")
                .contains("Credentials:  cached, valid until " + world.clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void status_brokerDownAndSignedOut_saysBoth() {
        world.run("logout");
        world.broker.stop();

        TestWorld.Run run = world.run("status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NOT reachable: cannot connect").contains("Signed in:    no. Run: bedrock-broker login")
                .contains("Credentials:  none cached");
    }

    @Test
    void logout_removesTokensCachesAndTheSectionRefreshWrote() throws Exception {
        world.run("credential-process");
        world.run("token");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = MINE\n");
        assertThat(world.run("refresh").exitCode()).isZero();

        TestWorld.Run run = world.run("logout");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(world.profileDir())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("config.json", "refresh.lock");
        }
        assertThat(Files.readString(home.resolve(".aws/credentials"))).isEqualTo("[default]\naws_access_key_id = MINE\n\n");
        assertThat(run.err()).contains("[bedrock-broker]");
    }

    @Test
    void logout_otherProfilesRefreshSection_isKept() throws Exception {
        world.run("refresh");
        world.run("configure", "--url", world.brokerUrl(), "--profile", "work");

        world.run("logout", "--profile", "work");

        assertThat(Files.readString(home.resolve(".aws/credentials"))).contains("[bedrock-broker]");
    }

    @Test
    void apiKeyCreate_sentBodyNamesOnlyWhatWasGiven() {
        world.broker.stubFor(post("/v1/api-keys").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ACCA3\",\"secret\":\"" + SECRET
                        + "\",\"createdAt\":\"2026-11-25T12:00:01Z\",\"expiration\":\"2026-12-02T12:00:01Z\",\"status\":\"active\"}")));

        world.run("api-key", "create", "--label", "ci");

        world.broker.verify(postRequestedFor(urlPathEqualTo("/v1/api-keys")).withRequestBody(equalToJson("{\"label\":\"ci\"}")));
    }
}
