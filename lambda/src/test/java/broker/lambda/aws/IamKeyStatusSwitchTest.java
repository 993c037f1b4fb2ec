package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.IamResult;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The budget cut-off's and restore's key switch through the real IAM SDK client on WireMock ({@link FakeIam}). */
class IamKeyStatusSwitchTest {
    static final String PATH = "/bedrock-broker/users/";
    final FakeIam fake = new FakeIam(() -> Instant.parse("2026-12-08T10:00:00Z"));
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(fake)).build();
    IamKeyStatusSwitch keys;

    @BeforeEach
    void setUp() {
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        keys = new IamKeyStatusSwitch(IamWire.client(wire.baseUrl()));
    }

    @Test
    void deactivate_thenActivate_sendsEachStatusForThatKeyOfThatUser_andNeverDeletes() {
        fake.addUser("alice", PATH, Map.of());
        var key = fake.addCredential("alice", 30);

        assertThat(keys.deactivate("alice", key.id())).isEqualTo(IamResult.done());
        assertThat(fake.user("alice").credentials.getFirst().status()).isEqualTo("Inactive");
        assertThat(keys.activate("alice", key.id())).isEqualTo(IamResult.done());

        var sent = wire.findAll(IamWire.sent("UpdateServiceSpecificCredential"));
        assertThat(sent).hasSize(2);
        assertThat(IamWire.formOf(sent.get(0))).containsEntry("UserName", "alice")
                .containsEntry("ServiceSpecificCredentialId", key.id()).containsEntry("Status", "Inactive");
        assertThat(IamWire.formOf(sent.get(1))).containsEntry("Status", "Active");
        assertThat(fake.user("alice").credentials).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("Active"));
        assertThat(wire.findAll(IamWire.sent("DeleteServiceSpecificCredential"))).isEmpty();
    }

    @Test
    void deactivate_unknownKey_isNotFound() {
        fake.addUser("alice", PATH, Map.of());

        assertThat(keys.deactivate("alice", "ACCANOSUCHKEY0000000000")).isEqualTo(new IamResult.NotFound<>());
    }

    @Test
    void activate_throttled_isThrottledNotThrown() {
        wire.stubFor(IamWire.action("UpdateServiceSpecificCredential").atPriority(1)
                .willReturn(IamWire.error(400, "Throttling", "Rate exceeded")));

        assertThat(keys.activate("alice", "ACCAKEY00000000000001")).isInstanceOf(IamResult.Throttled.class);
    }
}
