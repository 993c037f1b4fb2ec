package broker.lambda.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.reconcile.UserQuota;
import broker.lambda.testing.TestClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reconciliation's IAM calls through the real SDK on WireMock: what was sent, and what came back. */
class IamKeyUserMaintenanceTest {
    static final String PATH = "/bedrock-broker/users/";
    static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    final TestClock clock = new TestClock(Instant.parse("2026-12-08T03:00:00Z"));
    final FakeIam fake = new FakeIam(clock::instant);
    @RegisterExtension
    final WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(fake)).build();
    IamKeyUserMaintenance iam;

    @BeforeEach
    void setUp() {
        wire.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        iam = new IamKeyUserMaintenance(IamWire.client(wire.baseUrl()));
    }

    @Test
    void listUserNames_sendsThePathPrefixAndReturnsTheUsersUnderIt() {
        fake.addUser("alice", PATH, Map.of());
        fake.addUser("admin", "/", Map.of());

        assertThat(iam.listUserNames(PATH)).isEqualTo(new IamResult.Done<>(List.of("alice")));
        assertThat(IamWire.formOf(sent("ListUsers").getFirst())).containsEntry("PathPrefix", PATH);
    }

    @Test
    void listUserNames_truncatedAnswer_followsTheMarker() {
        wire.stubFor(IamWire.action("ListUsers").withFormParam("Marker", equalTo("page2")).atPriority(1)
                .willReturn(IamWire.xml(200, listUsers("<member>" + user("bob") + "</member>", false, null))));
        wire.stubFor(IamWire.action("ListUsers").atPriority(2)
                .willReturn(IamWire.xml(200, listUsers("<member>" + user("alice") + "</member>", true, "page2"))));

        assertThat(iam.listUserNames(PATH)).isEqualTo(new IamResult.Done<>(List.of("alice", "bob")));
        assertThat(sent("ListUsers")).hasSize(2);
    }

    @Test
    void deactivateKey_sendsStatusInactiveForThatKeyOfThatUser() {
        fake.addUser("alice", PATH, Map.of());
        var key = fake.addCredential("alice", 30);

        assertThat(iam.deactivateKey("alice", key.id())).isEqualTo(IamResult.done());

        assertThat(IamWire.formOf(sent("UpdateServiceSpecificCredential").getFirst()))
                .containsEntry("UserName", "alice").containsEntry("ServiceSpecificCredentialId", key.id())
                .containsEntry("Status", "Inactive");
        assertThat(fake.user("alice").credentials.getFirst().status()).isEqualTo("Inactive");
    }

    @Test
    void deactivateKey_unknownKey_isNotFound() {
        fake.addUser("alice", PATH, Map.of());

        assertThat(iam.deactivateKey("alice", "ACCANOSUCHKEY0000000000")).isEqualTo(new IamResult.NotFound<>());
    }

    @Test
    void deleteUser_deletesItsInlinePoliciesThenTheUser() {
        fake.addUser("dave", PATH, Map.of()).policies.put("bedrock-broker", "{}");

        assertThat(iam.deleteUser("dave")).isEqualTo(IamResult.done());

        assertThat(wire.getAllServeEvents().reversed().stream()
                .map(e -> IamWire.form(e.getRequest().getBodyAsString()).get("Action")).toList())
                .containsExactly("ListUserPolicies", "DeleteUserPolicy", "DeleteUser");
        assertThat(IamWire.formOf(sent("DeleteUserPolicy").getFirst())).containsEntry("PolicyName", "bedrock-broker");
        assertThat(fake.user("dave")).isNull();
    }

    @Test
    void deleteUser_thatHoldsAKey_isRefusedWithDeleteConflict() {
        fake.addUser("erin", PATH, Map.of());
        fake.addCredential("erin", 30);

        assertThat(iam.deleteUser("erin")).isEqualTo(new IamResult.Refused<>("DeleteConflict"));
        assertThat(fake.user("erin")).isNotNull();
    }

    @Test
    void userQuota_readsUsersAndUsersQuotaFromTheSummaryMap() {
        fake.addUser("alice", PATH, Map.of());
        fake.otherAccountUsers = 4099;
        fake.usersQuota = 5000;

        assertThat(iam.userQuota()).isEqualTo(new IamResult.Done<>(new UserQuota(4100, 5000)));
    }

    @Test
    void userQuota_accessDenied_isRefusedWithTheCode() {
        wire.stubFor(IamWire.action("GetAccountSummary").atPriority(1)
                .willReturn(IamWire.error(403, "AccessDenied", "not authorized to perform iam:GetAccountSummary")));

        assertThat(iam.userQuota()).isEqualTo(new IamResult.Refused<>("AccessDenied"));
    }

    @Test
    void listUserNames_throttled_isThrottledAfterTheSdksRetries() {
        wire.stubFor(IamWire.action("ListUsers").atPriority(1)
                .willReturn(IamWire.error(400, "Throttling", "Rate exceeded")));

        assertThat(iam.listUserNames(PATH)).isInstanceOf(IamResult.Throttled.class);
        assertThat(sent("ListUsers")).hasSizeGreaterThan(1);
    }

    private List<LoggedRequest> sent(String action) {
        return wire.findAll(IamWire.sent(action));
    }

    private static String listUsers(String members, boolean truncated, String marker) {
        return "<ListUsersResponse xmlns=\"" + NS + "\"><ListUsersResult><Users>" + members + "</Users><IsTruncated>"
                + truncated + "</IsTruncated>" + (marker == null ? "" : "<Marker>" + marker + "</Marker>")
                + "</ListUsersResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
                + "</ResponseMetadata></ListUsersResponse>";
    }

    private static String user(String name) {
        return "<Path>" + PATH + "</Path><UserName>" + name + "</UserName><UserId>AIDA" + name.toUpperCase()
                + "EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user" + PATH + name + "</Arn>"
                + "<CreateDate>2026-11-20T09:00:00Z</CreateDate>";
    }
}
