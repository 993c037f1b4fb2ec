package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.SessionNaming;
import broker.lambda.core.revocation.SessionRevoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local broker with {@code --state-dir}: what it knows survives a restart. */
class LocalBrokerStateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    BrokerUnderTest broker;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerUnderTest(false, dir.resolve("state"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void restart_keepsWhoWasIssuedTo_soAnAdminStillFindsThemByEmail() throws Exception {
        assertThat(broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}").status()).isEqualTo(200);

        broker.restart();
        var revoked = broker.send("POST", "/v1/admin/users/alice@example.com/revoke-sessions",
                List.of("Bearer " + broker.token()), null);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(revoked.body());
        assertThat(body.get("sourceIdentityPattern").asText())
                .isEqualTo("*-" + new PrincipalId(broker.issuer.issuer(), "alice").hash());
    }

    @Test
    void restart_keepsRevocations_soTheNextOneStillRendersTheFirst() throws Exception {
        String bob = "Bearer " + FakeIssuer.sign(broker.key, broker.claims().subject("bob")
                .claim("email", "bob@example.com").build());
        assertThat(broker.send("POST", "/v1/credentials", List.of("Bearer " + broker.token()), "{}").status()).isEqualTo(200);
        assertThat(broker.send("POST", "/v1/credentials", List.of(bob), "{}").status()).isEqualTo(200);
        assertThat(broker.send("POST", "/v1/admin/users/alice/revoke-sessions", List.of("Bearer " + broker.token()), null)
                .status()).isEqualTo(200);
        // IAM loses the document (as an eventually consistent read can show it): the store still has it.
        broker.iam.putRolePolicy("bedrock-broker-users", SessionRevoker.POLICY_NAME,
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}");

        broker.restart();
        var second = broker.send("POST", "/v1/admin/users/bob/revoke-sessions", List.of("Bearer " + broker.token()), null);

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(broker.iam.rolePolicy("bedrock-broker-users", SessionRevoker.POLICY_NAME))
                .contains("*-" + new PrincipalId(broker.issuer.issuer(), "alice").hash(),
                        "*-" + new PrincipalId(broker.issuer.issuer(), "bob").hash())
                // The people issuer of a single-issuer broker is the deployment's original one: old suffixes too.
                .contains("*-" + SessionNaming.subjectHash("alice"), "*-" + SessionNaming.subjectHash("bob"));
    }

    @Test
    void revokeAllSessions_writesACutOffForEveryone() throws Exception {
        var everyone = broker.send("POST", "/v1/admin/revoke-all-sessions", List.of("Bearer " + broker.token()), null);

        assertThat(everyone.status()).as(everyone.body()).isEqualTo(200);
        assertThat(JSON.readTree(everyone.body()).get("sourceIdentityPattern").asText()).isEqualTo("*");
        assertThat(broker.iam.rolePolicy("bedrock-broker-users", SessionRevoker.POLICY_NAME)).contains("BrokerRevokedAllBefore");
    }

    @Test
    void revoke_ofSomeoneNeverIssuedTo_isPersonNotFound() throws Exception {
        var answer = broker.send("POST", "/v1/admin/users/nobody/revoke-sessions", List.of("Bearer " + broker.token()), null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("person-not-found");
    }
}
