package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helper otel-headers} against Claude Code's otelHeadersHelper contract: a JSON object of string headers. */
class HelperOtelHeadersTest {
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

    private void signInAs(Map<String, Object> claims) {
        world.idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice-subject", "JWT",
                List.of(TestWorld.CLIENT_ID), claims, 3600));
        world.configureAndLogin();
    }

    @Test
    void otelHeaders_signedIn_namesThePersonFromTheCachedSignInWithoutABrokerCall() throws Exception {
        signInAs(Map.of("email", "alice@example.com", "email_verified", true, "preferred_username", "alice",
                "groups", List.of("developers", "ops"), "costCenter", "CC-42"));
        int requests = world.broker.getAllServeEvents().size();

        TestWorld.Run run = world.run("helper", "otel-headers", "--cost-centre-claim", "costCenter");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).hasLineCount(1);
        Map<String, Object> headers = Json.parseObject(run.out());
        String expectedId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((world.issuer() + "\nalice-subject").getBytes(StandardCharsets.UTF_8)));
        assertThat(headers).containsExactly(Map.entry("x-user-id", expectedId), Map.entry("x-user-name", "alice"),
                Map.entry("x-user-email", "alice@example.com"), Map.entry("x-user-groups", "developers,ops"),
                Map.entry("x-cost-center", "CC-42"));
        assertThat(world.broker.getAllServeEvents()).hasSize(requests);
    }

    @Test
    void otelHeaders_throughTheLauncher_printsOnlyTheHeaders(@TempDir Path dist) throws Exception {
        signInAs(Map.of("preferred_username", "alice"));
        Path launcher = TestDistribution.create(dist);
        var builder = new ProcessBuilder(launcher.toString(), "helper", "otel-headers");
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));

        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).hasLineCount(1);
        assertThat(Json.parseObject(out)).containsOnlyKeys("x-user-id", "x-user-name").containsEntry("x-user-name", "alice");
    }

    @Test
    void otelHeaders_unverifiedEmail_isNeitherNameNorEmail() {
        signInAs(Map.of("email", "mallory@example.com", "email_verified", false));

        Map<String, Object> headers = Json.parseObject(world.run("helper", "otel-headers").out());

        assertThat(headers).containsOnlyKeys("x-user-id");
    }

    @Test
    void otelHeaders_nonAsciiAndControlCharacters_areHeaderSafe() {
        signInAs(Map.of("preferred_username", "Zoë\r\nX-Evil: 1"));

        Map<String, Object> headers = Json.parseObject(world.run("helper", "otel-headers").out());

        assertThat(headers).containsEntry("x-user-name", "Zo%C3%ABX-Evil: 1");
    }

    @Test
    void otelHeaders_nobodySignedIn_printsAnEmptyObjectAndExitsZero() {
        world.run("configure", "--url", world.brokerUrl());

        TestWorld.Run run = world.run("helper", "otel-headers");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{}\n");
        assertThat(run.err()).contains("not attributed").contains("bedrock-broker login");
    }

    @Test
    void otelHeaders_notConfigured_printsAnEmptyObjectAndExitsZero() {
        TestWorld.Run run = world.run("helper", "otel-headers", "--profile", "nowhere");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{}\n");
    }
}
