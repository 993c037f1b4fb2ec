package broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.handler.ApiKeysHandler;
import broker.lambda.handler.FunctionParts;
import broker.lambda.authorizer.JwtAuthorizer;
import broker.lambda.local.LocalBroker;
import broker.lambda.local.LocalServer;
import broker.lambda.local.Route;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code api-key} and {@code whoami} against the broker's real handlers: the local server with its JWT authorizer
 * (as API Gateway's), mock-oauth2-server as the issuer, and the real API-keys handler over an in-memory IAM.
 */
class LocalBrokerApiKeysTest {
    @TempDir
    Path home;

    TestWorld world;
    JwtAuthorizer authorizer;
    LocalServer server;
    final MemoryIam iam = new MemoryIam();

    @BeforeEach
    void start() throws Exception {
        world = new TestWorld(home);
        var config = new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-users", "us-east-1",
                EntitlementsDocument.parse("""
                        {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                         "regions":["us-east-1"],"longTermKeys":{"allowed":true,"maxAgeDays":30,"maxKeys":2}}}}"""),
                IdentityClaims.DEFAULTS, new BrokerConfig.ClientConfig(world.issuer(), TestWorld.CLIENT_ID,
                BrokerEnv.DEFAULT_SCOPES, List.of(world.redirectPort), "", ""),
                URI.create("http://127.0.0.1:9"), null, BrokerEnv.DEFAULT_IAM_USER_PATH,
                "arn:aws:iam::123456789012:policy/bedrock-broker-boundary");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret"));
        AuditLog quiet = new AuditLog() {
            @Override
            public void record(AuditEvent event) {
            }

            @Override
            public void upstreamLatency(String service, Duration latency) {
            }
        };
        var apiKeys = new ApiKeysHandler(FunctionParts.local(KeysWiring.apiKeysRoutes(config,
                KeysWiring.ApiKeysPorts.of(iam, quiet, Clock.systemUTC()))::handle));
        var routes = new ArrayList<>(LocalBroker.routes(LocalBroker.publicHandler(config, credentials),
                LocalBroker.credentialsHandler(config, credentials)));
        routes.add(Route.authenticated("POST", "/v1/api-keys", apiKeys));
        routes.add(Route.authenticated("GET", "/v1/api-keys", apiKeys));
        routes.add(Route.authenticated("DELETE", "/v1/api-keys/{id}", apiKeys));
        authorizer = new JwtAuthorizer(world.issuer(), List.of(TestWorld.CLIENT_ID));
        server = new LocalServer(routes, authorizer, 0, new PrintStream(OutputStream.nullOutputStream()));
        world.idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice", "JWT", List.of(TestWorld.CLIENT_ID),
                Map.of("email", "alice@example.com", "email_verified", true, "groups", List.of("developers")), 3600));
        assertThat(world.run("configure", "--url", "http://127.0.0.1:" + server.port()).exitCode()).isZero();
        assertThat(world.run("login").exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
        authorizer.close();
        world.close();
    }

    @Test
    void apiKeys_createListRevoke_throughTheRealHandlers() {
        TestWorld.Run created = world.run("api-key", "create", "--label", "laptop", "--days", "7");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("Secret:   ABSKmemory-secret-ACCAMEMORYEXAMPLE00001\nKey id:   ACCAMEMORYEXAMPLE00001\n"
                + "Label:    laptop\nExpires:  ");

        TestWorld.Run listed = world.run("api-key", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("ACCAMEMORYEXAMPLE00001  laptop").contains("active").contains("1 of at most 2 keys.")
                .doesNotContain("ABSK");

        TestWorld.Run revoked = world.run("api-key", "revoke", "ACCAMEMORYEXAMPLE00001");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(iam.keyCount()).isZero();
        assertThat(world.run("api-key", "list").out()).startsWith("No API keys.");
    }

    @Test
    void apiKeyCreate_overTheLimit_isRefusedWithTheHint() {
        assertThat(world.run("api-key", "create").exitCode()).isZero();
        assertThat(world.run("api-key", "create").exitCode()).isZero();

        TestWorld.Run third = world.run("api-key", "create");

        assertThat(third.exitCode()).isEqualTo(5);
        assertThat(third.err()).contains("(HTTP 409)").contains("api-key revoke <id>");
        assertThat(iam.keyCount()).isEqualTo(2);
    }

    @Test
    void apiKeyRevoke_unknownId_isNotFound() {
        TestWorld.Run run = world.run("api-key", "revoke", "ACCANOSUCHKEYEXAMPLE01");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("(HTTP 404)").contains("api-key list");
    }

    @Test
    void apiKeyCreate_ageBeyondTheEntitlement_isRefused() {
        TestWorld.Run run = world.run("api-key", "create", "--days", "365");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("(HTTP 400)");
        assertThat(iam.keyCount()).isZero();
    }

    @Test
    void whoami_showsTheSignedInUserAndEntitlement() {
        TestWorld.Run run = world.run("whoami");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Subject:          alice").contains("Email:            alice@example.com")
                .contains("Models:           anthropic.claude-haiku-4-5-20251001-v1:0")
                .contains("Long-term keys:   up to 2, each for at most 30 days");
    }
}
