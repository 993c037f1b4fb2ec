package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.local.LocalBroker.Launch;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/** The local broker with the real handlers from {@code Wiring}: mock-oauth2-server as issuer, WireMock as STS. */
class LocalBrokerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";
    private static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
             "regions":["us-east-1"],"shortTermKeys":true}}}""";

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;

    private static OidcFixture oidc;
    private static Path entitlements;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        oidc = new OidcFixture();
        entitlements = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        oidc.close();
    }

    @Test
    void start_realHandlers_serveClientConfigIdentityAndCredentials() throws Exception {
        STS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody(assumeRoleResponse())));
        String token = oidc.token(Map.of("email", "alice@example.com", "groups", List.of("developers")));

        try (RunningBroker broker = LocalBroker.start(config(), new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret")),
                new PrintStream(OutputStream.nullOutputStream())))) {

            HttpResponse<String> clientConfig = get(broker, "/v1/client-config", null);
            assertThat(clientConfig.statusCode()).isEqualTo(200);
            assertThat(json(clientConfig).path("issuer").asText()).isEqualTo(oidc.issuer());

            HttpResponse<String> me = get(broker, "/v1/me", token);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(json(me).path("subject").asText()).isEqualTo("alice");
            assertThat(json(me).path("groups").get(0).asText()).isEqualTo("developers");

            HttpResponse<String> credentials = postJson(broker, "/v1/credentials", token);
            assertThat(credentials.statusCode()).isEqualTo(200);
            assertThat(json(credentials).path("accessKeyId").asText()).isEqualTo("ASIAIOSFODNN7EXAMPLE");
            STS.verify(1, postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=AssumeRole"))
                    .withRequestBody(containing("SourceIdentity=")));

            HttpResponse<String> anonymous = postJson(broker, "/v1/credentials", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            STS.verify(1, postRequestedFor(urlEqualTo("/")));
        }
    }

    @Test
    void start_metrics_useEmfsLocalEnvironmentSoTheFirstIssuanceDoesNotWaitForMetadataProbes() throws Exception {
        try (RunningBroker broker = LocalBroker.start(config(), new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret")),
                new PrintStream(OutputStream.nullOutputStream())))) {

            assertThat(EnvironmentConfigurationProvider.getConfig().getEnvironmentOverride()).isEqualTo(Environments.Local);
            // What the first metrics flush waits for: resolved at once, no EC2/ECS metadata probe in flight.
            assertThat(new EnvironmentProvider().resolveEnvironment()).isCompleted();
        }
    }

    @Test
    void launch_validFlags_printsExactlyTheListeningLineAndServes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalBroker cli = new LocalBroker(Map.of("AWS_REGION", "eu-west-1"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));

        Launch launch = cli.launch(flags(0));

        assertThat(launch).isInstanceOf(Launch.Started.class);
        try (RunningBroker broker = ((Launch.Started) launch).broker()) {
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("Bedrock Broker listening on http://127.0.0.1:" + broker.port() + System.lineSeparator());
            HttpResponse<String> clientConfig = get(broker, "/v1/client-config", null);
            assertThat(clientConfig.statusCode()).isEqualTo(200);
            assertThat(json(clientConfig).path("region").asText()).isEqualTo("eu-west-1");
            assertThat(json(clientConfig).path("clientId").asText()).isEqualTo(OidcFixture.AUDIENCE);
        }
    }

    @Test
    void launch_portInUse_exitsWithFailureCodeAndOneLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LocalBroker cli = new LocalBroker(Map.of(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Launch launch = cli.launch(flags(taken.getLocalPort()));

            assertThat(launch).isEqualTo(new Launch.Exited(1));
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .isEqualTo("bedrock-broker-local: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use:"
                            + " stop the program using it or choose another with --port (0 = any free port)");
        }
    }

    private static String[] flags(int port) {
        return new String[] {"--port", String.valueOf(port), "--issuer", oidc.issuer(),
                "--audience", OidcFixture.AUDIENCE, "--role-arn", ROLE_ARN, "--entitlements", entitlements.toString(),
                "--sts-endpoint", STS.baseUrl()};
    }

    private static BrokerConfig config() {
        return new BrokerConfig(ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(oidc.issuer(), OidcFixture.AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "", ""),
                URI.create(STS.baseUrl()), null);
    }

    private static String assumeRoleResponse() {
        String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <SourceIdentity>alice</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-users/alice</Arn>
                      <AssumedRoleId>ARO123EXAMPLE123:alice</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <SessionToken>FwoGZXIvYXdzEXAMPLESESSIONTOKEN</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""".formatted(expiration);
    }

    private static HttpResponse<String> get(RunningBroker broker, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(RunningBroker broker, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
