package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.lambda.local.RunningBroker;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * The client against the real broker: the lambda module's handlers in the local broker (its JWT check as API
 * Gateway's), mock-oauth2-server as the issuer, WireMock as STS. Only STS is a stub.
 */
class LocalBrokerEndToEndTest {
    private static final String ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");

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
        stubAssumeRole(0);
        Path entitlements = Files.writeString(work.resolve("entitlements.json"), """
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                 "regions":["us-east-1"],"shortTermKeys":true}}}""");
        // The person who signs in: a developer by the entitlements above.
        broker = world.startLocalBrokerAndSignIn(entitlements, URI.create(sts.baseUrl()));
    }

    @AfterEach
    void stop() {
        broker.close();
        sts.stop();
        world.close();
    }

    private void stubAssumeRole(int delayMillis) {
        String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        sts.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <SourceIdentity>alice</SourceIdentity>
                            <AssumedRoleUser>
                              <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-users/alice</Arn>
                              <AssumedRoleId>ARO123EXAMPLE123:alice</AssumedRoleId>
                            </AssumedRoleUser>
                            <Credentials>
                              <AccessKeyId>%s</AccessKeyId>
                              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                              <SessionToken>FwoGZXIvYXdzEXAMPLESESSIONTOKEN</SessionToken>
                              <Expiration>%s</Expiration>
                            </Credentials>
                            <PackedPolicySize>6</PackedPolicySize>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""".formatted(ACCESS_KEY_ID, expiration))));
    }

    private int stsCalls() {
        return sts.countRequestsMatching(postRequestedFor(urlEqualTo("/")).build()).getCount();
    }

    private Process start(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(TestDistribution.environment(home));
        return builder.start();
    }

    @Test
    void credentialProcess_fromTheRealBroker_printsStsCredentialsIssuedForTheSignedInUser() {
        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> output = Json.parseObject(run.out().strip());
        assertThat(output).containsEntry("Version", 1L).containsEntry("AccessKeyId", ACCESS_KEY_ID)
                .containsEntry("SessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
        sts.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("SourceIdentity=alice")));
    }

    @Test
    void export_andToken_fromTheRealBroker() {
        TestWorld.Run export = world.run("export");
        TestWorld.Run token = world.run("token");

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Json.parseObject(export.out().strip())).containsKey("Credentials");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out()).startsWith("bedrock-api-key-").hasLineCount(1);
    }

    @Test
    void refresh_fromTheRealBroker_writesTheSectionAroundOtherProfiles() throws Exception {
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIAOTHER\n\n[later]\nregion = eu-west-1\n");

        TestWorld.Run run = world.run("refresh");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = Files.readString(credentials);
        assertThat(text).startsWith("[default]\naws_access_key_id = AKIAOTHER\n\n[later]\nregion = eu-west-1\n\n"
                + "[bedrock-broker]\n# Written by bedrock-broker (profile default); expires ")
                .contains("aws_access_key_id = " + ACCESS_KEY_ID + "\n");
    }

    @Test
    void credentialProcess_withoutEntitlement_reportsTheBrokersRefusal() {
        world.run("logout");
        world.idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "bob", "JWT", List.of(TestWorld.CLIENT_ID),
                Map.of("email", "bob@example.com", "email_verified", true, "groups", List.of("sales")), 3600));
        assertThat(world.run("login").exitCode()).isZero();

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("bedrock-broker: the broker refused: ").contains("(HTTP 403)");
        assertThat(stsCalls()).isZero();
    }

    @Test
    void credentialProcess_consumedByAwsCliV2_throughTheLauncher() throws Exception {
        RequiredProgram.require(AWS_CLI.toString(), "awscli");
        Path launcher = TestDistribution.create(work.resolve("dist"));
        Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("config"),
                "[profile broker]\ncredential_process = " + launcher + " credential-process\nregion = us-east-1\n");

        Process aws = start(List.of(AWS_CLI.toString(), "configure", "export-credentials", "--profile", "broker"));
        String out = new String(aws.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(aws.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(aws.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aws.exitValue()).as(err).isZero();
        assertThat(Json.parseObject(out)).containsEntry("AccessKeyId", ACCESS_KEY_ID)
                .containsEntry("SessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
    }

    @Test
    void credentialProcess_consumedByJavaSdkProcessCredentialsProvider() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        Path wrapper = work.resolve("with-test-home.sh");
        StringBuilder script = new StringBuilder("#!/bin/sh\nunset BEDROCK_BROKER_HOME\n");
        TestDistribution.environment(home).forEach((k, v) -> script.append("export ").append(k).append("='")
                .append(v).append("'\n"));
        Files.writeString(wrapper, script.append("exec \"$@\"\n").toString());

        try (var provider = ProcessCredentialsProvider.builder()
                .command(List.of("/bin/sh", wrapper.toString(), launcher.toString(), "credential-process")).build()) {
            assertThat(provider.resolveCredentials()).isInstanceOfSatisfying(AwsSessionCredentials.class,
                    session -> assertThat(session.accessKeyId()).isEqualTo(ACCESS_KEY_ID));
        }
    }

    @Test
    void credentialProcess_twentyConcurrentProcessesWithExpiredCache_makeOneBrokerCall() throws Exception {
        Path launcher = TestDistribution.create(work.resolve("dist"));
        long past = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        Files.writeString(world.profileDir().resolve("credentials.json"), "{\"format\":1,\"obtainedAt\":" + past
                + ",\"expiresAt\":" + (past + 3600) + ",\"accessKeyId\":\"ASIAOLD\",\"secretAccessKey\":\"s\","
                + "\"sessionToken\":\"t\",\"expiration\":\"" + Instant.ofEpochSecond(past + 3600) + "\"}");
        // Slow enough for the processes to pile up on the lock, well under the broker's 2 s STS attempt timeout
        // (ClientBudget): a slower answer is retried by the SDK, and that second call is not the client's.
        stubAssumeRole(700);

        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            processes.add(start(List.of(launcher.toString(), "credential-process")));
        }
        for (Process process : processes) {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isZero();
            assertThat(Json.parseObject(out.strip())).containsEntry("AccessKeyId", ACCESS_KEY_ID);
        }

        assertThat(stsCalls()).isEqualTo(1);
    }
}
