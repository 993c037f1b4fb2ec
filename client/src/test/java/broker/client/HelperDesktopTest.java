package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.lambda.local.RunningBroker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helper desktop} against Claude Desktop's credential-helper contract, with the real broker (the local broker
 * and its handlers; only STS is a stub): stdout holds the key alone, a sign-in need in a silent context is exit code
 * 4 and one stderr sentence, a mid-session refresh gets a new key, and the key is a presigned URL whose SigV4
 * signature is the one the issuing secret gives.
 */
class HelperDesktopTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    StsStub sts;
    RunningBroker broker;

    @BeforeEach
    void start() throws IOException {
        world = new TestWorld(home);
        sts = new StsStub();
        Path entitlements = Files.writeString(work.resolve("entitlements.json"), """
                {"version":1,"groups":{"developers":{"models":["us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
                 "regions":["us-east-1"],"shortTermKeys":true}}}""");
        broker = world.startLocalBrokerAndSignIn(entitlements, sts.uri());
    }

    @AfterEach
    void stop() {
        broker.close();
        sts.close();
        world.close();
    }

    private TestWorld.Run desktop(String context, String... more) {
        if (context == null) {
            world.env.remove("CLAUDE_HELPER_CONTEXT");
        } else {
            world.env.put("CLAUDE_HELPER_CONTEXT", context);
        }
        String[] args = new String[more.length + 2];
        args[0] = "helper";
        args[1] = "desktop";
        System.arraycopy(more, 0, args, 2, more.length);
        return world.run(args);
    }

    @Test
    void desktop_signedIn_printsTheBrokersKeyAloneOnOneLine() {
        TestWorld.Run run = desktop("interactive");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).matches("bedrock-api-key-[A-Za-z0-9+/=]+\n");
        assertThat(sts.calls()).isEqualTo(1);
    }

    @Test
    void desktop_key_isAPresignedCallWithBearerTokenUrlSignedWithTheIssuingSecret() throws Exception {
        String token = desktop("background").out().strip();

        Map<String, String> query = BearerTokens.query(BearerTokens.decode(token));

        assertThat(query).containsEntry("Action", "CallWithBearerToken").containsEntry("Version", "1")
                .containsEntry("X-Amz-Security-Token", StsStub.SESSION_TOKEN);
        assertThat(query.get("X-Amz-Credential")).startsWith(StsStub.ACCESS_KEY_ID + "/").endsWith("/us-east-1/bedrock/aws4_request");
        assertThat(query.get("X-Amz-Signature"))
                .isEqualTo(BearerTokens.expectedSignature(query, StsStub.SECRET_ACCESS_KEY))
                .isNotEqualTo(BearerTokens.expectedSignature(query, "another-secret"));
    }

    @Test
    void desktop_json_printsTokenAndEmptyHeaders() {
        TestWorld.Run run = desktop("background", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> answer = Json.parseObject(run.out());
        assertThat(answer).containsOnlyKeys("token", "headers").containsEntry("headers", Map.of());
        assertThat((String) answer.get("token")).startsWith("bedrock-api-key-");
        assertThat(run.out()).hasLineCount(1);
    }

    @Test
    void desktop_secondRun_servesTheCachedKeyWithoutABrokerCall() {
        String first = desktop("background").out();
        TestWorld.Run second = desktop("background");

        assertThat(second.out()).isEqualTo(first);
        assertThat(sts.calls()).isEqualTo(1);
    }

    @Test
    void desktop_midSessionRefresh_asksTheBrokerForANewKey() {
        desktop("background");
        world.clock.advance(Duration.ofSeconds(5));

        TestWorld.Run run = desktop("mid-session-refresh");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("bedrock-api-key-").hasLineCount(1);
        assertThat(sts.calls()).isEqualTo(2);
    }

    @Test
    void desktop_midSessionRefreshWithTheBrokerDown_servesTheCachedKeyAndWarns() {
        String cached = desktop("background").out();
        broker.close();
        world.clock.advance(Duration.ofSeconds(5));

        long started = System.nanoTime();
        TestWorld.Run run = desktop("mid-session-refresh");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(cached);
        assertThat(run.err()).contains("warning: could not refresh bearer token");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void desktop_cachedKeyExpiringWithinTheTtl_getsANewOne() {
        desktop("background");
        world.clock.advance(Duration.ofMinutes(40)); // 20 min left: less than the 30 min TTL and its minute of slack

        TestWorld.Run run = desktop("background");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sts.calls()).isEqualTo(2);
    }

    @Test
    void desktop_smallerTtl_keepsServingTheCachedKey() {
        desktop("background");
        world.clock.advance(Duration.ofMinutes(40));

        TestWorld.Run run = desktop("background", "--ttl", "10m");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sts.calls()).isEqualTo(1);
    }

    @Test
    void desktop_signInNeededInASilentContext_exitsFourWithOneSentenceAndNoBrowser() {
        world.run("logout");
        int visits = world.browserVisits;

        for (String context : List.of("mid-session-refresh", "background", "scheduled-task", "setup-test", "new-one")) {
            TestWorld.Run run = desktop(context);

            assertThat(run.exitCode()).as(context).isEqualTo(4);
            assertThat(run.out()).as(context).isEmpty();
            assertThat(run.err()).as(context).hasLineCount(1).startsWith("bedrock-broker: ")
                    .contains("bedrock-broker login");
        }
        assertThat(world.browserVisits).isEqualTo(visits);
    }

    @Test
    void desktop_signInNeededInTheInteractiveContext_signsInWithTheBrowserThenPrintsTheKey() {
        world.run("logout");
        int visits = world.browserVisits;
        world.idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice", "JWT", List.of(TestWorld.CLIENT_ID),
                Map.of("email", "alice@example.com", "groups", List.of("developers")), 3600));

        TestWorld.Run run = desktop("interactive");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(world.browserVisits).isEqualTo(visits + 1);
        assertThat(run.out()).matches("bedrock-api-key-[A-Za-z0-9+/=]+\n");
    }

    @Test
    void desktop_notConfigured_exitsThree() {
        TestWorld.Run run = desktop("background", "--profile", "other");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void desktop_throughTheLauncherAsDesktopRunsIt_printsOnlyTheKey() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        desktop("background"); // warm the cache: the timed run below is the cache hit Desktop mostly sees

        var times = new java.util.ArrayList<Long>();
        String out = null;
        for (int i = 0; i < 3; i++) {
            var builder = new ProcessBuilder(launcher.toString(), "helper", "desktop");
            builder.environment().clear();
            builder.environment().putAll(TestDistribution.environment(home));
            builder.environment().put("CLAUDE_HELPER_CONTEXT", "background");
            long started = System.nanoTime();
            Process process = builder.start();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            times.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(process.exitValue()).as(err).isZero();
        }

        assertThat(out).matches("bedrock-api-key-[A-Za-z0-9+/=]+\n");
        assertThat(sts.calls()).isEqualTo(1);
        System.out.printf("HELPER-DESKTOP cache hit through the launcher: %s ms%n", times);
    }
}
