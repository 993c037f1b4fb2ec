package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.client.json.JsonFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The whole client in this JVM against a stubbed broker and a real OIDC issuer on loopback. */
class ClientFlowTest {
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

    private Map<String, Object> json(String text) {
        return Json.parseObject(text.strip());
    }

    @Test
    void configure_storesTheBrokersClientConfigPrivately() throws Exception {
        TestWorld.Run run = world.run("configure", "--url", world.brokerUrl() + "/");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Configured profile 'default'").contains("bedrock-broker login");
        JsonFields stored = JsonFields.parse(Files.readString(world.profileDir().resolve("config.json")));
        assertThat(stored.string("brokerUrl")).isEqualTo(world.brokerUrl());
        assertThat(stored.string("issuer")).isEqualTo(world.issuer());
        assertThat(stored.ints("redirectPorts")).containsExactly(world.redirectPort);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(world.profileDir()))).isEqualTo("rwx------");
    }

    @Test
    void login_followedByABrowser_storesVerifiedTokensOwnerOnly() throws Exception {
        TestWorld.Run login = world.configureAndLogin();

        assertThat(login.err()).contains("http://").contains("code_challenge_method=S256").contains("Signed in");
        Path tokens = world.profileDir().resolve("tokens.json");
        JsonFields stored = JsonFields.parse(Files.readString(tokens));
        assertThat(stored.string("refreshToken")).isNotBlank();
        String payload = new String(Base64.getUrlDecoder().decode(stored.string("idToken").split("\\.")[1]));
        assertThat(JsonFields.parse(payload).object()).containsEntry("aud", TestWorld.CLIENT_ID).containsKey("nonce");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        assertThat(login.err()).doesNotContain(stored.string("idToken")).doesNotContain(stored.string("refreshToken"));
        assertThat(world.credentialCalls()).isZero();
    }

    @Test
    void login_withNoBrowser_printsTheUrlAndOpensNothing() {
        world.run("configure", "--url", world.brokerUrl());
        var loginThread = new Thread(() -> world.run("login", "--no-browser"));
        loginThread.start();
        // Nothing opens the URL, so the login waits: it must not have used the browser.
        try {
            loginThread.join(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(world.browserVisits).isZero();
        assertThat(loginThread.isAlive()).isTrue();
        loginThread.interrupt();
    }

    @Test
    void credentialProcess_afterLogin_printsOnlyTheJsonAndCachesIt() {
        world.configureAndLogin();

        TestWorld.Run first = world.run("credential-process");
        TestWorld.Run second = world.run("credential-process");

        assertThat(first.exitCode()).isZero();
        Map<String, Object> output = json(first.out());
        assertThat(output.keySet()).containsExactly("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
        assertThat(output.get("Version")).isEqualTo(1L);
        assertThat(output.get("Expiration")).isEqualTo(world.clock.instant().plus(Duration.ofHours(1)).toString());
        assertThat(first.out().strip().lines()).hasSize(1);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(world.credentialCalls()).isEqualTo(1);
    }

    @Test
    void credentialProcess_sendsTheIdTokenToTheBroker() throws Exception {
        world.configureAndLogin();
        world.run("credential-process");

        String idToken = JsonFields.parse(Files.readString(world.profileDir().resolve("tokens.json"))).string("idToken");
        world.broker.verify(postRequestedFor(urlPathEqualTo("/v1/credentials"))
                .withHeader("Authorization", TestWorld.is("Bearer " + idToken)));
    }

    @Test
    void export_printsTheClaudeCodeShape() {
        world.configureAndLogin();

        TestWorld.Run run = world.run("export");

        assertThat(run.exitCode()).isZero();
        Map<String, Object> output = json(run.out());
        assertThat(output.keySet()).containsExactly("Credentials");
        @SuppressWarnings("unchecked")
        var credentials = (Map<String, Object>) output.get("Credentials");
        assertThat(credentials.keySet()).containsExactly("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
        assertThat((String) credentials.get("SessionToken")).isNotEmpty();
    }

    @Test
    void credentialProcess_insideRefreshAheadMargin_getsNewCredentials() {
        world.configureAndLogin();
        String first = world.run("credential-process").out();

        world.clock.advance(Duration.ofMinutes(44));
        assertThat(world.run("credential-process").out()).isEqualTo(first);
        world.clock.advance(Duration.ofMinutes(2));
        world.stubCredentials(Duration.ofHours(1));
        String third = world.run("credential-process").out();

        assertThat(third).isNotEqualTo(first);
        assertThat(json(third).get("Expiration")).isEqualTo(world.clock.instant().plus(Duration.ofHours(1)).toString());
        assertThat(world.credentialCalls()).isEqualTo(2);
    }

    @Test
    void credentialProcess_customRefreshAhead_isHonoured() {
        world.configureAndLogin();
        world.run("credential-process");
        world.clock.advance(Duration.ofMinutes(32));

        world.run("credential-process", "--refresh-ahead", "20m");
        assertThat(world.credentialCalls()).isEqualTo(1);
        world.env.put("BEDROCK_BROKER_REFRESH_AHEAD", "30m");
        world.run("credential-process");
        assertThat(world.credentialCalls()).isEqualTo(2);
    }

    @Test
    void credentialProcess_brokerDownWithUsableCache_servesCacheAndWarnsOnStderr() {
        world.configureAndLogin();
        String cached = world.run("credential-process").out();
        world.clock.advance(Duration.ofMinutes(50));
        world.broker.stop();

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(cached);
        assertThat(run.err()).contains("warning: could not refresh credentials").contains("10 more min")
                .contains("cannot connect to 127.0.0.1:");
    }

    @Test
    void credentialProcess_brokerDownWithExpiredCache_failsWithOneSentenceAndNoStdout() {
        world.configureAndLogin();
        world.stubCredentials(Duration.ofMinutes(20));
        world.run("credential-process");
        world.clock.advance(Duration.ofMinutes(21));
        world.broker.stop();

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("bedrock-broker: cannot connect to 127.0.0.1:").contains("HTTPS_PROXY");
    }

    @Test
    void export_brokerDownWithFiveMinutesLeft_failsRatherThanHandClaudeCodeNearlyExpiredCredentials() {
        world.configureAndLogin();
        world.run("export");
        world.clock.advance(Duration.ofMinutes(55));
        world.broker.stop();

        TestWorld.Run export = world.run("export");
        TestWorld.Run credentialProcess = world.run("credential-process");

        assertThat(export.exitCode()).isEqualTo(6);
        assertThat(export.out()).isEmpty();
        assertThat(credentialProcess.exitCode()).isZero();
        assertThat(credentialProcess.err()).contains("valid for 5 more min");
    }

    @Test
    void credentialProcess_brokerThrottles_reportsRetryAfter() {
        world.configureAndLogin();
        world.broker.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/problem+json").withHeader("Retry-After", "17")
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/throttled\",\"title\":\"Too many requests\","
                        + "\"status\":429}")));

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("the broker is unavailable (HTTP 429, Too many requests); try again in 17 s.");
    }

    @Test
    void credentialProcess_brokerRefuses_showsProblemTitleAndDetail() {
        world.configureAndLogin();
        world.broker.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://bedrock-broker.dev/problems/not-entitled\",\"title\":\"Not entitled\","
                        + "\"status\":403,\"detail\":\"Your groups grant no Bedrock access.\",\"instance\":\"req-1\"}")));

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).isEqualTo("bedrock-broker: the broker refused: Not entitled: Your groups grant no Bedrock"
                + " access. (HTTP 403). Ask your platform team for access.\n");
    }

    @Test
    void credentialProcess_withoutLogin_saysToLogInAndNeverPrompts() {
        world.run("configure", "--url", world.brokerUrl());

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("bedrock-broker: You are not signed in. Run: bedrock-broker login\n");
        assertThat(world.browserVisits).isZero();
    }

    @Test
    void credentialProcess_unconfiguredProfile_saysToConfigure() {
        TestWorld.Run run = world.run("credential-process", "--profile", "work");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("profile 'work' is not configured")
                .contains("bedrock-broker configure --url <broker URL> --profile work");
    }

    @Test
    void credentialProcess_expiredIdToken_isRenewedSilentlyWithTheRefreshToken() throws Exception {
        world.configureAndLogin();
        Path tokens = world.profileDir().resolve("tokens.json");
        Map<String, Object> stored = Json.parseObject(Files.readString(tokens));
        String oldIdToken = (String) stored.get("idToken");
        stored.put("idTokenExpiresAt", Instant.now().minusSeconds(60).getEpochSecond());
        Files.writeString(tokens, Json.write(stored));

        TestWorld.Run run = world.run(java.time.Clock.systemUTC(), "credential-process");

        assertThat(run.exitCode()).isZero();
        String newIdToken = JsonFields.parse(Files.readString(tokens)).string("idToken");
        assertThat(newIdToken).isNotEqualTo(oldIdToken);
        world.broker.verify(postRequestedFor(urlPathEqualTo("/v1/credentials"))
                .withHeader("Authorization", TestWorld.is("Bearer " + newIdToken)));
    }

    @Test
    void credentialProcess_refreshTokenRejected_asksForLoginOnceAndStopsAskingTheIssuer() throws Exception {
        world.configureAndLogin();
        world.broker.stubFor(post("/idp/token").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}")));
        Path tokens = world.profileDir().resolve("tokens.json");
        Map<String, Object> stored = Json.parseObject(Files.readString(tokens));
        stored.put("idTokenExpiresAt", world.clock.instant().minusSeconds(60).getEpochSecond());
        stored.put("tokenEndpoint", world.brokerUrl() + "/idp/token");
        Files.writeString(tokens, Json.write(stored));

        TestWorld.Run first = world.run("credential-process");
        TestWorld.Run second = world.run("credential-process");

        assertThat(first.exitCode()).isEqualTo(4);
        assertThat(first.err()).isEqualTo("bedrock-broker: Your sign-in has expired or was revoked. Run: bedrock-broker login\n");
        assertThat(second.exitCode()).isEqualTo(4);
        assertThat(world.broker.countRequestsMatching(postRequestedFor(urlPathEqualTo("/idp/token")).build()).getCount())
                .isEqualTo(1);
        assertThat(world.credentialCalls()).isZero();
    }

    @Test
    void credentialProcess_brokerRejectsIdToken_refreshesItOnceAndRetries() {
        world.configureAndLogin();
        world.broker.stubFor(post("/v1/credentials").inScenario("401").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Unauthorized\",\"status\":401}"))
                .willSetStateTo("accepted"));
        Instant now = world.clock.instant();
        world.broker.stubFor(post("/v1/credentials").inScenario("401").whenScenarioStateIs("accepted")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"accessKeyId\":\"ASIARETRY\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\","
                                + "\"expiration\":\"" + now.plus(Duration.ofHours(1)) + "\"}")));

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isZero();
        assertThat(json(run.out())).containsEntry("AccessKeyId", "ASIARETRY");
        assertThat(world.credentialCalls()).isEqualTo(2);
    }

    @Test
    void credentialProcess_verbose_explainsTheDecisionWithoutSecrets() {
        world.configureAndLogin();
        String out = world.run("credential-process").out();

        TestWorld.Run run = world.run("credential-process", "--verbose");

        assertThat(run.err()).contains("using cached credentials: expires in 60m, refresh-ahead margin 15m");
        Map<String, Object> credentials = json(out);
        assertThat(run.err()).doesNotContain((String) credentials.get("SecretAccessKey"))
                .doesNotContain((String) credentials.get("SessionToken"));
    }

    @Test
    void token_printsTheBareTokenOrJson() {
        world.configureAndLogin();

        TestWorld.Run plain = world.run("token");
        TestWorld.Run asJson = world.run("token", "--json");

        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).isEqualTo("bedrock-api-key-" + world.clock.instant().getEpochSecond() + "\n");
        assertThat(json(asJson.out())).containsEntry("token", plain.out().strip()).containsEntry("region", "us-east-1");
        assertThat(world.broker.countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/bearer-tokens")).build())
                .getCount()).isEqualTo(1);
    }

    @Test
    void refresh_writesOnlyItsSectionOfTheSharedCredentialsFile() throws Exception {
        world.configureAndLogin();
        Path credentials = home.resolve(".aws/credentials");
        Files.createDirectories(credentials.getParent());
        String others = "[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n\n";
        String after = "# work account\n[work]\nregion = eu-west-1\n";
        Files.writeString(credentials, others + "[bedrock-broker]\naws_access_key_id = OLD\n\n" + after);

        TestWorld.Run run = world.run("refresh");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Fresh credentials in " + credentials + " [bedrock-broker]");
        String text = Files.readString(credentials);
        assertThat(text).startsWith(others + "[bedrock-broker]\n# Written by bedrock-broker (profile default); expires ")
                .endsWith("\n\n" + after)
                .contains("aws_access_key_id = ASIA" + world.clock.instant().getEpochSecond() + "\n")
                .contains("aws_session_token = session-").doesNotContain("OLD");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    }

    @Test
    void refresh_whenNotSignedIn_logsInThroughTheBrowserThenWrites() throws Exception {
        world.run("configure", "--url", world.brokerUrl());
        world.env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("creds").toString());

        TestWorld.Run run = world.run("refresh", "--aws-profile", "claude");

        assertThat(run.exitCode()).isZero();
        assertThat(world.browserVisits).isEqualTo(1);
        assertThat(Files.readString(home.resolve("creds"))).startsWith("[claude]\n");
    }

    @Test
    void logout_forgetsTokensAndCachedCredentials() {
        world.configureAndLogin();
        world.run("credential-process");

        assertThat(world.run("logout").exitCode()).isZero();

        assertThat(world.profileDir().resolve("tokens.json")).doesNotExist();
        assertThat(world.profileDir().resolve("credentials.json")).doesNotExist();
        assertThat(world.run("credential-process").exitCode()).isEqualTo(4);
    }

    @Test
    void unknownOption_isAUsageError() {
        TestWorld.Run run = world.run("credential-process", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "setup", "api-key"})
    void groupCommandAlone_printsItsSubcommandsAsAUsageError(String group) {
        TestWorld.Run run = group.isEmpty() ? world.run() : world.run(group);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: bedrock-broker").contains("Commands:");
    }
}
