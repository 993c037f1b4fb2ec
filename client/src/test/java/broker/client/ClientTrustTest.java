package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17 section 3, "the client trusts nothing it is handed": each test is an attack that worked before the client
 * checked what it was given (a URL, a broker's answer, a discovery document, a file it did not write, a directory
 * others can write).
 */
class ClientTrustTest {
    @TempDir
    Path home;

    TestWorld world;

    @BeforeEach
    void start() {
        world = new TestWorld(home);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void stubCredentialsAnswer(String accessKeyId, String secret, String sessionToken, String expiration) {
        world.broker.stubFor(post("/v1/credentials").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Json.write(Map.of("accessKeyId", accessKeyId, "secretAccessKey", secret,
                        "sessionToken", sessionToken, "expiration", expiration, "region", "us-east-1")))));
    }

    private String inAnHour() {
        return world.clock.instant().plus(Duration.ofHours(1)).toString();
    }

    @Test
    void configure_plainHttpBrokerOffThisMachine_isRefusedWithTheFix() {
        TestWorld.Run run = world.run("configure", "--url", "http://broker.corp");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bedrock-broker: invalid --url: http://broker.corp would send your sign-in and"
                + " credentials unencrypted; use https://broker.corp (http:// is accepted only for a broker on this"
                + " machine: localhost, 127.0.0.1 or ::1).\n");
        assertThat(world.profileDir().resolve("config.json")).doesNotExist();
    }

    @Test
    void credentialProcess_brokerUrlFromTheEnvironmentOverPlainHttp_isRefused() {
        world.configureAndLogin();
        world.env.put("BEDROCK_BROKER_URL", "http://broker.corp");

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(world.credentialCalls()).isZero();
    }

    @Test
    void configure_brokerNamingAPlainHttpIssuer_isRefusedAndNothingIsStored() {
        world.broker.stubFor(get("/v1/client-config").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"http://idp.corp\",\"clientId\":\"c\",\"scopes\":[\"openid\"],"
                        + "\"redirectPorts\":[" + world.redirectPort + "],\"region\":\"us-east-1\"}")));

        TestWorld.Run run = world.run("configure", "--url", world.brokerUrl());

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("http://idp.corp is not an https URL");
        assertThat(world.profileDir().resolve("config.json")).doesNotExist();
    }

    @Test
    void login_discoveryNamingAPlainHttpAuthorizationEndpoint_opensNoBrowser() {
        String issuer = world.brokerUrl() + "/idp";
        world.broker.stubFor(get("/v1/client-config").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + issuer + "\",\"clientId\":\"c\",\"scopes\":[\"openid\"],"
                        + "\"redirectPorts\":[" + world.redirectPort + "],\"region\":\"us-east-1\"}")));
        world.broker.stubFor(get("/idp/.well-known/openid-configuration").willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"http://idp.corp/authorize\","
                        + "\"token_endpoint\":\"https://idp.corp/token\",\"jwks_uri\":\"https://idp.corp/jwks\"}")));
        assertThat(world.run("configure", "--url", world.brokerUrl()).exitCode()).isZero();

        TestWorld.Run run = world.run("login");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("authorization_endpoint (http://idp.corp/authorize), which is not https");
        assertThat(world.browserVisits).isZero();
    }

    @Test
    void refresh_sessionTokenCarryingANewSection_neverReachesTheCredentialsFile() throws Exception {
        world.configureAndLogin();
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        String before = "[default]\naws_access_key_id = AKIAMINE\n";
        Files.writeString(credentials, before);
        stubCredentialsAnswer("ASIAOK", "secret", "token\n[default]\naws_access_key_id = AKIAEVIL", inAnHour());

        TestWorld.Run run = world.run("refresh");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("sessionToken has a character outside").doesNotContain("AKIAEVIL");
        assertThat(Files.readString(credentials)).isEqualTo(before);
    }

    @Test
    void credentialProcess_accessKeyIdThatWouldAddJsonMembers_printsNothing() {
        world.configureAndLogin();
        stubCredentialsAnswer("ASIA\",\"Version\":2,\"x\":\"", "secret", "token", inAnHour());

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.out()).isEmpty();
        assertThat(world.profileDir().resolve("credentials.json")).doesNotExist();
    }

    @Test
    void export_secretWithAControlCharacter_printsNothing() {
        world.configureAndLogin();
        stubCredentialsAnswer("ASIAOK", "sec\u001bret", "token", inAnHour());

        TestWorld.Run run = world.run("export");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void credentialProcess_refusalWithTerminalEscapesAndLineBreaks_isReportedOnOneHarmlessLine() {
        world.configureAndLogin();
        world.broker.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Not entitled\",\"status\":403,\"detail\":\"\\u001b[2Jgone\\nbedrock-broker: all fine\"}")));

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).doesNotContain("\u001b").hasLineCount(1).contains("?[2Jgone?bedrock-broker: all fine");
    }

    @Test
    void refresh_awsProfileDefaultThatBedrockBrokerDidNotWrite_isLeftAloneUnlessForced() throws Exception {
        world.configureAndLogin();
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        String before = "[default]\naws_access_key_id = AKIAMINE\naws_secret_access_key = mine\n";
        Files.writeString(credentials, before);

        TestWorld.Run refused = world.run("refresh", "--aws-profile", "default");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("[default] in " + credentials + " was not written by bedrock-broker")
                .contains("--force");
        assertThat(Files.readString(credentials)).isEqualTo(before);

        TestWorld.Run forced = world.run("refresh", "--aws-profile", "default", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(credentials)).doesNotContain("AKIAMINE").contains("# Written by bedrock-broker");
        assertThat(world.run("refresh", "--aws-profile", "default").exitCode()).isZero();
    }

    @Test
    void logout_revokesTheRefreshTokenAtTheIssuer() throws Exception {
        world.configureAndLogin();
        String refreshToken = (String) Json.parseObject(Files.readString(world.profileDir().resolve("tokens.json")))
                .get("refreshToken");
        assertThat(refreshToken).isNotBlank();
        drain();

        TestWorld.Run run = world.run("logout");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Revoked your refresh token at the identity provider.");
        List<RecordedRequest> revocations = drain().stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith("/revoke")).toList();
        assertThat(revocations).hasSize(1);
        String form = revocations.get(0).getBody().readUtf8();
        assertThat(form).contains("token=" + java.net.URLEncoder.encode(refreshToken, java.nio.charset.StandardCharsets.UTF_8))
                .contains("token_type_hint=refresh_token").contains("client_id=" + TestWorld.CLIENT_ID);
    }

    /** Every request the issuer received since the last call (mock-oauth2-server throws once none is left). */
    private List<RecordedRequest> drain() {
        var requests = new ArrayList<RecordedRequest>();
        while (true) {
            try {
                requests.add(world.idp.takeRequest(200, TimeUnit.MILLISECONDS));
            } catch (RuntimeException noneLeft) {
                return requests;
            }
        }
    }

    @Test
    void credentialProcess_whenTheRefreshLockCannotBeUsed_doesNotAskTheBroker() throws Exception {
        world.configureAndLogin();
        Path lock = world.profileDir().resolve("refresh.lock");
        Files.deleteIfExists(lock);
        Files.createDirectory(lock);

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("bedrock-broker: cannot use " + lock + ": cannot lock it for the refresh");
        assertThat(world.credentialCalls()).isZero();
    }

    @Test
    void anyCommand_clientDirectoriesOpenToOtherUsers_areMadePrivate() throws Exception {
        world.configureAndLogin();
        Path clientHome = home.resolve(".bedrock-broker");
        Files.setPosixFilePermissions(clientHome, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(world.profileDir(), PosixFilePermissions.fromString("rwxrwxrwx"));

        TestWorld.Run run = world.run("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.getPosixFilePermissions(clientHome)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(world.profileDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(run.err()).contains(world.profileDir() + " was open to other users; it is now private (0700).");
    }

    @Test
    void credentialProcess_aTamperedCacheEntry_isAMissNotOutput() throws Exception {
        world.configureAndLogin();
        long now = world.clock.instant().getEpochSecond();
        Files.writeString(world.profileDir().resolve("credentials.json"), "{\"format\":1,\"obtainedAt\":" + now
                + ",\"expiresAt\":" + (now + 3600) + ",\"accessKeyId\":\"ASIAOLD\",\"secretAccessKey\":\"s\","
                + "\"sessionToken\":\"t\\n[default]\",\"expiration\":\"" + Instant.ofEpochSecond(now + 3600) + "\"}");

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("[default]").contains("\"AccessKeyId\":\"ASIA" + now + "\"");
        assertThat(world.credentialCalls()).isEqualTo(1);
    }
}
