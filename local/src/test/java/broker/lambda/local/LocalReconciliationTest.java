package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Key reconciliation through the local broker ({@code --key-inactive-days}): at start it deactivates the keys of people
 * not seen, deletes keyless key users, and leaves the rest, on the IAM at {@code --iam-endpoint} (WireMock's fake IAM).
 */
class LocalReconciliationTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    private static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String PATH = BrokerEnv.DEFAULT_IAM_USER_PATH;

    final FakeIam iam = new FakeIam(Instant::now);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(iam)).build();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private FakeIssuer issuer;
    private RunningBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) broker.close();
        if (issuer != null) issuer.close();
    }

    @Test
    void start_withKeyInactiveDays_deactivatesTheKeysOfPeopleNotSeenAndDeletesKeylessUsers() throws Exception {
        keyUser("gone");
        var goneKey = iam.addCredential("gone", Instant.now().minus(Duration.ofDays(200)), 365);
        keyUser("fresh");
        iam.addCredential("fresh", Instant.now().minus(Duration.ofDays(5)), 365);
        keyUser("empty");

        broker = start(Duration.ofDays(90), "arn:aws:iam::123456789012:policy/bedrock-broker/boundary");

        awaitLog("key reconciliation: 3 key users, 1 keys deactivated, 1 users deleted, 0 failures");
        assertThat(iam.user("gone").credentials).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(goneKey.id());
            assertThat(c.status()).isEqualTo("Inactive");
        });
        assertThat(iam.user("fresh").credentials.getFirst().status()).isEqualTo("Active");
        assertThat(iam.user("empty")).isNull();
    }

    @Test
    void start_withoutThePermissionsBoundary_reconcilesNothing() throws Exception {
        keyUser("gone");
        iam.addCredential("gone", Instant.now().minus(Duration.ofDays(200)), 365);

        broker = start(Duration.ofDays(90), null);
        Thread.sleep(500);

        assertThat(iam.user("gone").credentials.getFirst().status()).isEqualTo("Active");
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    private RunningBroker start(Duration inactiveAfter, String boundary) throws Exception {
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        issuer = new FakeIssuer();
        issuer.publish(FakeIssuer.rsaKey("k1"));
        BrokerConfig config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["%s"],"regions":["us-east-1"],"maxSessionSeconds":3600,
                 "longTermKeys":{"allowed":true}}}}""".formatted(MODEL)),
                IdentityClaims.DEFAULTS, new BrokerConfig.ClientConfig(issuer.issuer(), "cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create("http://127.0.0.1:9"), URI.create(wire.baseUrl()), PATH, boundary);
        return LocalBroker.start(config, new LocalBrokerOptions(0, List.of("cli"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                new PrintStream(log, true, StandardCharsets.UTF_8), Cors.NONE, null, null, inactiveAfter));
    }

    private void keyUser(String subject) {
        iam.addUser(subject, PATH, Map.of(IamUserNames.TAG_SUBJECT, IamUserNames.ownerTag(subject)));
    }

    private void awaitLog(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (log.toString(StandardCharsets.UTF_8).contains(line)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' within 10 s in: " + log.toString(StandardCharsets.UTF_8));
    }
}
