package broker.lambda.core.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.Revocation;
import broker.lambda.testing.Principals;
import broker.lambda.testing.TestClock;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRevokerTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00.400Z");

    /** The role's policy in memory. */
    static class Policy implements RoleInlinePolicy {
        String document;
        IamResult<String> readFailure;
        final List<String> writes = new ArrayList<>();

        @Override
        public IamResult<String> read() {
            if (readFailure != null) return readFailure;
            return document == null ? new IamResult.NotFound<>() : new IamResult.Done<>(document);
        }

        @Override
        public IamResult<Void> write(String document) {
            writes.add(document);
            this.document = document;
            return IamResult.done();
        }
    }

    final Policy policy = new Policy();
    final TestClock clock = new TestClock(NOW);
    final InMemoryBrokerState store = new InMemoryBrokerState();
    final SessionRevoker revoker = new SessionRevoker(store, policy, clock, clock::advance,
            SessionRevoker.PublishBudget.DEFAULT);

    @Test
    void revoke_withoutAPolicyYet_createsItWithACutoffAfterNow() {
        ApiKeyOutcome outcome = revoke("00u1abcd");

        assertThat(outcome).isEqualTo(new ApiKeyOutcome.SessionsRevoked(Instant.parse("2026-11-25T12:00:01Z"),
                "*-" + hashOf("00u1abcd")));
        assertThat(RevocationPolicy.parse(policy.document).cutoffs())
                .containsExactlyEntriesOf(java.util.Map.of(Principals.principal("00u1abcd").hash(), Instant.parse("2026-11-25T12:00:01Z")));
    }

    @Test
    void revoke_whenTheRoleCannotBeRead_writesNothing() {
        policy.readFailure = new IamResult.Throttled<>(Duration.ofSeconds(3));

        assertThat(revoke("00u1abcd")).isEqualTo(new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Throttled("iam", Duration.ofSeconds(3))));
        assertThat(policy.writes).isEmpty();
    }

    @Test
    void revoke_whenTheRoleCannotBeRead_keepsTheRevocationInTheStoreForTheNextWriter() {
        policy.readFailure = new IamResult.Throttled<>(Duration.ofSeconds(3));
        revoke("00u1abcd");
        policy.readFailure = null;

        revoke("00u2bob");

        assertThat(RevocationPolicy.parse(policy.document).cutoffs())
                .containsKeys(hashOf("00u1abcd"), hashOf("00u2bob"));
    }

    @Test
    void revoke_whenTooManyPeopleWereRevokedWithinTheHour_foldsTheOldestIntoACutOffForEveryone() {
        RevocationPolicy full = RevocationPolicy.empty();
        Instant tenMinutesAgo = NOW.minus(Duration.ofMinutes(10));
        for (int i = 0; i < 400; i++) full = full.revoke(hash(i), tenMinutesAgo);
        policy.document = full.render(1_000_000).orElseThrow();

        ApiKeyOutcome outcome = revoke("00u1abcd");

        assertThat(outcome).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        assertThat(policy.document.length()).isLessThanOrEqualTo(SessionRevoker.MAX_CHARS);
        RevocationPolicy written = RevocationPolicy.parse(policy.document);
        assertThat(written.everyoneBefore()).contains(tenMinutesAgo);
        for (int i = 0; i < 400; i++) assertThat(written.denies(hash(i), tenMinutesAgo)).isTrue();
        assertThat(written.cutoffs()).containsEntry(hashOf("00u1abcd"), Instant.parse("2026-11-25T12:00:01Z"));
    }

    @Test
    void revokeEveryone_deniesEverySessionIssuedBeforeTheNextSecondWithoutASourceIdentityCondition() throws Exception {
        ApiKeyOutcome outcome = revoker.revokeEveryone("sub-admin");

        assertThat(outcome).isEqualTo(new ApiKeyOutcome.SessionsRevoked(Instant.parse("2026-11-25T12:00:01Z"), "*"));
        var statement = new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy.document).get("Statement").get(0);
        assertThat(statement.get("Condition").toString())
                .isEqualTo("{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-25T12:00:01Z\"}}");
        assertThat(store.active(NOW)).containsExactly(new Revocation.OfEveryone(Instant.parse("2026-11-25T12:00:01Z"), "sub-admin"));
    }

    @Test
    void revoke_whenIamNeverShowsTheWrite_answersUnavailableAndKeepsTheRevocationStored() {
        Policy forgetful = new Policy() {
            @Override
            public IamResult<Void> write(String document) {
                writes.add(document);
                return IamResult.done();
            }
        };
        SessionRevoker stuck = new SessionRevoker(store, forgetful, clock, clock::advance, SessionRevoker.PublishBudget.DEFAULT);

        ApiKeyOutcome outcome = stuck.revoke(Principals.principal("00u1abcd"), "sub-admin");

        assertThat(outcome).isEqualTo(new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable("iam", Duration.ofSeconds(5))));
        assertThat(forgetful.writes).isNotEmpty();
        assertThat(store.active(NOW)).hasSize(1);
        assertThat(Duration.between(NOW, clock.instant())).isLessThanOrEqualTo(SessionRevoker.PublishBudget.DEFAULT.total());
    }

    @Test
    void revoke_nearTheBudget_foldsOlderCutoffsAndStaysWithinIt() {
        RevocationPolicy many = RevocationPolicy.empty();
        for (int i = 0; i < 250; i++) many = many.revoke(hash(i), NOW.minus(Duration.ofSeconds(60 + i)));
        policy.document = many.render(1_000_000).orElseThrow();

        ApiKeyOutcome outcome = revoke("00u1abcd");

        assertThat(outcome).isInstanceOf(ApiKeyOutcome.SessionsRevoked.class);
        assertThat(policy.document.length()).isLessThanOrEqualTo(SessionRevoker.MAX_CHARS);
        RevocationPolicy written = RevocationPolicy.parse(policy.document);
        assertThat(written.cutoffs()).hasSize(251);
        for (int i = 0; i < 250; i++) {
            assertThat(written.cutoffs().get(hash(i))).as("never earlier than asked").isAfterOrEqualTo(NOW.minus(Duration.ofSeconds(60 + i)));
        }
    }

    @Test
    void revoke_aPersonOfALegacyIssuer_deniesTheirIssuerKeyedAndTheirSubjectOnlySuffix() {
        SessionRevoker legacy = new SessionRevoker(store, policy, clock, clock::advance,
                SessionRevoker.PublishBudget.DEFAULT, java.util.Set.of(Principals.ISSUER));
        PrincipalId alice = Principals.principal("00u1abcd");

        ApiKeyOutcome outcome = legacy.revoke(alice, "sub-admin");

        assertThat(outcome).isEqualTo(new ApiKeyOutcome.SessionsRevoked(Instant.parse("2026-11-25T12:00:01Z"), "*-" + alice.hash()));
        assertThat(RevocationPolicy.parse(policy.document).cutoffs()).containsOnlyKeys(alice.hash(), alice.legacyHash());
        assertThat(store.active(NOW)).extracting(r -> ((Revocation.OfPerson) r).personKey()).containsOnly(alice.key());
    }

    @Test
    void revoke_aPersonOfAnotherIssuer_deniesOnlyTheirIssuerKeyedSuffix() {
        SessionRevoker legacy = new SessionRevoker(store, policy, clock, clock::advance,
                SessionRevoker.PublishBudget.DEFAULT, java.util.Set.of("https://old.example.com"));
        PrincipalId alice = Principals.principal("00u1abcd");

        legacy.revoke(alice, "sub-admin");

        assertThat(RevocationPolicy.parse(policy.document).cutoffs()).containsOnlyKeys(alice.hash());
    }

    private ApiKeyOutcome revoke(String subject) {
        return revoker.revoke(Principals.principal(subject), "sub-admin");
    }

    private static String hashOf(String subject) {
        return Principals.principal(subject).hash();
    }

    private static String hash(int i) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 12; k++) {
            out.append(alphabet.charAt(i % 32));
            i /= 32;
        }
        return out.toString();
    }
}
