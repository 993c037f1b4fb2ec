package broker.lambda.core.issuance;

import static broker.lambda.core.issuance.CredentialsServiceTest.ENTITLEMENTS;
import static broker.lambda.core.issuance.CredentialsServiceTest.NOW;
import static broker.lambda.core.issuance.CredentialsServiceTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.testing.Principals;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every issuance records the person's last issuance and, for STS sessions, whose session it is. */
class IssuanceRecordingTest {
    final CredentialsServiceTest.FakeIssuer sts = new CredentialsServiceTest.FakeIssuer();
    final InMemoryBrokerState state = new InMemoryBrokerState();
    final List<RuntimeException> failures = new ArrayList<>();
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    CredentialsService service(IssuanceRecorder recorder) throws Exception {
        return new CredentialsService(EntitlementsDocument.parse(ENTITLEMENTS), sts, new CredentialsServiceTest.FakeMinter(),
                new BedrockAccount("aws", "123456789012"), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC), ModelCatalog.NONE,
                ModelPreferences.DEFAULT, recorder, BudgetGate.OFF);
    }

    IssuanceRecorder recorder() {
        return new IssuanceRecorder(state, pool, failures::add, Duration.ofSeconds(5));
    }

    @Test
    void credentials_recordsThePersonAndWhoseSessionNameItIs() throws Exception {
        service(recorder()).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        String name = StsSessionIdentity.of(user("developers")).roleSessionName();
        assertThat(state.person(Principals.principal("00u1abcd").key())).map(PersonRecord::lastKind).contains(IssuanceKind.CREDENTIALS);
        assertThat(state.personByEmail("alice@example.com")).map(PersonRecord::lastIssuedAt).contains(NOW);
        assertThat(state.session(name)).contains(new SessionRecord(name, Principals.principal("00u1abcd").key(), "00u1abcd",
                Principals.ISSUER, "alice@example.com",
                List.of("developers"), NOW, NOW.plus(Duration.ofHours(1))));
        assertThat(sts.commands.getFirst().identity().roleSessionName()).isEqualTo(name);
    }

    @Test
    void bearerToken_recordsTheIssuanceAsABearerToken() throws Exception {
        service(recorder()).bearerToken(user("developers"), new BearerTokenRequest(null, null));

        assertThat(state.person(Principals.principal("00u1abcd").key())).map(PersonRecord::lastKind).contains(IssuanceKind.BEARER_TOKEN);
    }

    @Test
    void credentials_refusedBeforeSts_recordsNothing() throws Exception {
        service(recorder()).credentials(user("developers"), new CredentialsRequest(60, null, null));

        assertThat(state.person(Principals.principal("00u1abcd").key())).isEmpty();
    }

    @Test
    void credentials_whenTheStoreFails_stillIssuesAndReportsTheFailure() throws Exception {
        IssuanceRecorder failing = new IssuanceRecorder(new FailingDirectory(), pool, failures::add, Duration.ofSeconds(5));

        var result = service(failing).credentials(user("developers"), CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.CredentialsIssued.class);
        assertThat(failures).singleElement().isInstanceOf(StateUnavailableException.class);
    }

    /** A directory whose every write fails as DynamoDB does when it cannot be reached. */
    static final class FailingDirectory implements broker.lambda.core.state.PersonDirectory {
        @Override public void recordIssuance(PersonRecord person) { throw new StateUnavailableException("down", null); }
        @Override public void recordIssuance(PersonRecord person, SessionRecord session) {
            throw new StateUnavailableException("down", null);
        }
        @Override public void recordSession(SessionRecord session) { throw new StateUnavailableException("down", null); }
        @Override public java.util.Optional<PersonRecord> person(String key) { return java.util.Optional.empty(); }
        @Override public java.util.Optional<PersonRecord> personByEmail(String email) { return java.util.Optional.empty(); }
        @Override public java.util.Optional<SessionRecord> session(String name) { return java.util.Optional.empty(); }
        @Override public java.util.Map<String, SessionRecord> sessions(java.util.Set<String> names) { return java.util.Map.of(); }
    }
}
