package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.console.FailureReport;
import broker.client.json.Json;
import broker.lambda.local.RunningBroker;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the real local broker while STS fails: the broker answers 429 or 503 with {@code Retry-After};
 * the client keeps serving still-valid cached credentials, and no process asks the broker again before that time.
 */
class ClientFaultsTest {
    private static final String THROTTLED_XML = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
              <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
            </ErrorResponse>""";

    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    WireMockServer sts;
    RunningBroker broker;

    @BeforeEach
    void start() throws IOException {
        world = new TestWorld(home);
        sts = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        sts.start();
        sts.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody(THROTTLED_XML)));
        Path entitlements = Files.writeString(work.resolve("entitlements.json"), """
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                 "regions":["us-east-1"]}}}""");
        broker = world.startLocalBrokerAndSignIn(entitlements, URI.create(sts.baseUrl()));
        world.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void stop() {
        broker.close();
        sts.stop();
        world.close();
    }

    private int stsCalls() {
        return sts.countRequestsMatching(postRequestedFor(urlEqualTo("/")).build()).getCount();
    }

    private void cacheCredentialsExpiringIn(Duration left) throws IOException {
        Instant now = world.clock.instant();
        Instant expires = now.plus(left);
        Files.writeString(world.profileDir().resolve("credentials.json"), "{\"format\":1,\"obtainedAt\":"
                + now.minus(Duration.ofMinutes(50)).getEpochSecond() + ",\"expiresAt\":" + expires.getEpochSecond()
                + ",\"accessKeyId\":\"ASIASTILLVALID\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\""
                + expires + "\"}");
    }

    @Test
    void credentialProcess_whenStsThrottles_servesStillValidCachedCredentialsAndBacksOffUntilRetryAfter() throws Exception {
        cacheCredentialsExpiringIn(Duration.ofMinutes(10));

        TestWorld.Run first = world.run("credential-process");
        int callsAfterFirst = stsCalls();
        TestWorld.Run second = world.run("credential-process");
        world.clock.advance(Duration.ofSeconds(2));
        TestWorld.Run third = world.run("export");

        assertThat(List.of(first, second, third)).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("ASIASTILLVALID");
            assertThat(run.err()).contains("warning: could not refresh credentials", "try again in");
        });
        assertThat(Json.parseObject(first.out().strip())).containsEntry("AccessKeyId", "ASIASTILLVALID");
        assertThat(callsAfterFirst).as("STS attempts behind the first broker call").isBetween(1, 3);
        assertThat(stsCalls()).as("STS attempts after two more runs inside Retry-After").isEqualTo(callsAfterFirst);
        assertThat(world.profileDir().resolve("retry-after.json")).exists();
    }

    @Test
    void credentialProcess_onceRetryAfterHasPassed_asksTheBrokerAgain() throws Exception {
        cacheCredentialsExpiringIn(Duration.ofMinutes(10));
        world.run("credential-process");
        int callsAfterFirst = stsCalls();

        world.clock.advance(Duration.ofSeconds(4)); // the broker's Retry-After for throttling is 3 s
        TestWorld.Run later = world.run("credential-process");

        assertThat(later.exitCode()).isZero();
        assertThat(stsCalls()).isGreaterThan(callsAfterFirst);
    }

    @Test
    void credentialProcess_whenThrottledWithNothingUsableCached_failsAndDoesNotAskAgainBeforeRetryAfter() throws Exception {
        TestWorld.Run first = world.run("credential-process");
        int callsAfterFirst = stsCalls();
        TestWorld.Run second = world.run("credential-process");

        assertThat(first.exitCode()).isEqualTo(FailureReport.UNAVAILABLE);
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).contains("(HTTP 429", "try again in 3 s");
        assertThat(second.exitCode()).isEqualTo(FailureReport.UNAVAILABLE);
        assertThat(second.err()).contains("(HTTP 429", "try again in");
        assertThat(stsCalls()).isEqualTo(callsAfterFirst);
    }

    @Test
    void credentialProcess_whenStsRecovers_getsFreshCredentialsAndForgetsTheBackoff() throws Exception {
        cacheCredentialsExpiringIn(Duration.ofMinutes(10));
        world.run("credential-process");
        sts.resetAll();
        String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        sts.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                          <Credentials><AccessKeyId>ASIARECOVERED</AccessKeyId><SecretAccessKey>k</SecretAccessKey>
                          <SessionToken>FwoGZXIvYXdzRECOVERED</SessionToken><Expiration>%s</Expiration></Credentials>
                        </AssumeRoleResult></AssumeRoleResponse>""".formatted(expiration))));

        world.clock.advance(Duration.ofSeconds(4));
        TestWorld.Run recovered = world.run("credential-process");

        assertThat(recovered.exitCode()).as(recovered.err()).isZero();
        assertThat(recovered.out()).contains("ASIARECOVERED");
        assertThat(recovered.err()).isEmpty();
        assertThat(world.profileDir().resolve("retry-after.json")).doesNotExist();
    }
}
