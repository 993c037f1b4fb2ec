package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.json.Json;
import broker.contract.BrokerEnv;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.PrincipalKind;
import broker.lambda.core.identity.TrustedIssuer;
import broker.lambda.local.LocalBroker;
import broker.lambda.local.LocalBrokerOptions;
import broker.lambda.local.RunningBroker;
import broker.lambda.wiring.BrokerConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A CI job gets credentials with its own identity token and no login: from a token file, and from GitHub Actions'
 * token endpoint, through the local broker with a workload issuer (mock-oauth2-server) and a workloads entry.
 */
class WebIdentityTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    TestWorld world;
    StsStub sts;
    WireMockServer github;
    RunningBroker broker;
    String workloadIssuer;

    @BeforeEach
    void start() throws Exception {
        world = new TestWorld(home);
        sts = new StsStub();
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        workloadIssuer = world.idp.issuerUrl("github").toString();
        Path entitlements = Files.writeString(work.resolve("entitlements.json"), """
                {"version":1,
                 "groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"]}},
                 "workloads":[{"name":"app-deploy","issuer":"%s","match":{"repository":"acme/app"},
                               "models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                               "shortTermKeys":true}]}""".formatted(workloadIssuer));
        BrokerConfig.ClientConfig client = new BrokerConfig.ClientConfig(world.issuer(), TestWorld.CLIENT_ID,
                BrokerEnv.DEFAULT_SCOPES, List.of(world.redirectPort), "", "");
        // The workload issuer's audience is the broker URL, known once the port is: start once to learn it.
        broker = LocalBroker.start(config(entitlements, client, "http://127.0.0.1:0"), options());
        String url = broker.baseUri().toString().replaceAll("/$", "");
        int port = broker.port();
        broker.close();
        broker = LocalBroker.start(config(entitlements, client, url), new LocalBrokerOptions(port,
                List.of(TestWorld.CLIENT_ID), credentials(), new PrintStream(OutputStream.nullOutputStream())));
        assertThat(world.run("configure", "--url", url).exitCode()).isZero();
    }

    private BrokerConfig config(Path entitlements, BrokerConfig.ClientConfig client, String audience) {
        return new BrokerConfig(TestWorld.LOCAL_BROKER_ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements),
                IdentityClaims.DEFAULTS, client, sts.uri(), null, BrokerEnv.DEFAULT_IAM_USER_PATH, null,
                BrokerConfig.CatalogSettings.OFF,
                List.of(BrokerConfig.peopleIssuer(client, IdentityClaims.DEFAULTS, List.of()),
                        new TrustedIssuer(workloadIssuer, PrincipalKind.WORKLOAD, List.of(audience), List.of(),
                                new IdentityClaims("sub", "repository", "groups"), false)),
                BrokerConfig.StateSettings.NONE);
    }

    private static LocalBrokerOptions options() {
        return new LocalBrokerOptions(0, List.of(TestWorld.CLIENT_ID), credentials(),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret"));
    }

    @AfterEach
    void stop() {
        broker.close();
        github.stop();
        sts.close();
        world.close();
    }

    private String workloadToken(String repository) {
        String audience = broker.baseUri().toString().replaceAll("/$", "");
        return world.idp.issueToken("github", "actions", new DefaultOAuth2TokenCallback("github",
                "repo:" + repository + ":ref:refs/heads/main", "JWT", List.of(audience),
                Map.of("repository", repository, "ref", "refs/heads/main"), 600)).serialize();
    }

    @Test
    void credentialProcess_withATokenFileAndNoLogin_printsTheWorkloadsCredentials() throws Exception {
        Path token = Files.writeString(work.resolve("token.jwt"), workloadToken("acme/app") + "\n");
        world.env.put("BEDROCK_BROKER_WEB_IDENTITY_TOKEN_FILE", token.toString());

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parseObject(run.out())).containsEntry("Version", 1L)
                .containsEntry("AccessKeyId", StsStub.ACCESS_KEY_ID);
        assertThat(world.browserVisits).isZero();
        String sent = URLDecoder.decode(sts.server.findAll(postRequestedFor(urlEqualTo("/"))).getFirst().getBodyAsString(),
                StandardCharsets.UTF_8);
        assertThat(sent).contains("SourceIdentity=acme_app-");
    }

    @Test
    void credentialProcess_withATokenOfAnUnlistedRepository_failsWithoutPrompting() throws Exception {
        Path token = Files.writeString(work.resolve("token.jwt"), workloadToken("acme/other"));
        world.env.put("BEDROCK_BROKER_WEB_IDENTITY_TOKEN_FILE", token.toString());

        TestWorld.Run run = world.run("credential-process");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(world.browserVisits).isZero();
        assertThat(sts.calls()).isZero();
    }

    @Test
    void token_inGitHubActions_fetchesTheOidcTokenWithTheBrokersAudience() throws Exception {
        String audience = broker.baseUri().toString().replaceAll("/$", "");
        github.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"count\":1,\"value\":\"" + workloadToken("acme/app") + "\"}")));
        world.env.put("ACTIONS_ID_TOKEN_REQUEST_URL", github.baseUrl() + "/token?api-version=2.0");
        world.env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runtime-token");

        TestWorld.Run run = world.run("token");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("bedrock-api-key-");
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/token"))).getFirst())
                .satisfies(r -> {
                    assertThat(r.queryParameter("audience").firstValue()).isEqualTo(audience);
                    assertThat(r.getHeader("Authorization")).isEqualTo("bearer runtime-token");
                });
    }
}
