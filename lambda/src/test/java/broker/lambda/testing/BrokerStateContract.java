package broker.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.Revocation;
import broker.lambda.core.state.RevocationStore;
import broker.lambda.core.state.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every state store adapter does the same way; each adapter's test extends this with its store. */
public abstract class BrokerStateContract {
    protected static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    /** A fresh, empty store (both ports on one object, as in the broker). */
    protected abstract <S extends RevocationStore & PersonDirectory> S state();

    protected static PersonRecord alice(IssuanceKind kind, Instant at) {
        return PersonRecord.of(Principals.person("sub-alice", "alice", "Alice@Example.com", List.of("developers", "ml")), kind, at);
    }

    protected static SessionRecord session(PersonRecord person, String name, Instant at) {
        return new SessionRecord(name, person.key(), person.subject(), person.issuer(), person.userName(),
                person.groups(), at, at.plus(Duration.ofHours(1)));
    }

    @Test
    void person_neverIssuedTo_isEmpty() {
        assertThat(state().person(Principals.principal("sub-nobody").key())).isEmpty();
        assertThat(state().personByEmail("nobody@example.com")).isEmpty();
    }

    @Test
    void recordIssuance_thenPerson_returnsTheLastIssuance() {
        var state = state();
        state.recordIssuance(alice(IssuanceKind.CREDENTIALS, T0));
        state.recordIssuance(alice(IssuanceKind.API_KEY, T0.plusSeconds(60)));

        assertThat(state.person(Principals.principal("sub-alice").key())).contains(alice(IssuanceKind.API_KEY, T0.plusSeconds(60)));
    }

    @Test
    void personByEmail_comparesCaseInsensitively() {
        var state = state();
        state.recordIssuance(alice(IssuanceKind.CREDENTIALS, T0));

        assertThat(state.personByEmail(" alice@EXAMPLE.com")).map(PersonRecord::subject).contains("sub-alice");
    }

    @Test
    void personByEmail_whenTheEmailMovedToSomeoneElse_returnsTheLatestHolder() {
        var state = state();
        state.recordIssuance(alice(IssuanceKind.CREDENTIALS, T0));
        state.recordIssuance(PersonRecord.of(Principals.person("sub-alice-2", "alice", "alice@example.com", List.of()),
                IssuanceKind.CREDENTIALS, T0.plusSeconds(1)));

        assertThat(state.personByEmail("alice@example.com")).map(PersonRecord::subject).contains("sub-alice-2");
    }

    @Test
    void personByEmail_whenThePersonsEmailChanged_doesNotFindThemByTheOldOne() {
        var state = state();
        state.recordIssuance(alice(IssuanceKind.CREDENTIALS, T0));
        state.recordIssuance(PersonRecord.of(Principals.person("sub-alice", "alice", "alice@new.example", List.of()),
                IssuanceKind.CREDENTIALS, T0.plusSeconds(1)));

        assertThat(state.personByEmail("alice@example.com")).isEmpty();
        assertThat(state.personByEmail("alice@new.example")).map(PersonRecord::subject).contains("sub-alice");
    }

    @Test
    void recordIssuance_withSession_storesThePersonAndWhoTheSessionBelongsTo() {
        var state = state();
        PersonRecord alice = alice(IssuanceKind.CREDENTIALS, T0);
        state.recordIssuance(alice, session(alice, "alice-abcdefghijkl", T0));

        assertThat(state.person(Principals.principal("sub-alice").key())).contains(alice);
        assertThat(state.session("alice-abcdefghijkl")).contains(session(alice, "alice-abcdefghijkl", T0));
        assertThat(state.session("bob-abcdefghijkl")).isEmpty();
    }

    @Test
    void sessions_ofManyNames_returnsThoseTheBrokerIssued() {
        var state = state();
        java.util.Set<String> asked = new java.util.HashSet<>();
        java.util.Map<String, SessionRecord> expected = new java.util.HashMap<>();
        for (int i = 0; i < 130; i++) {
            PersonRecord person = PersonRecord.of(Principals.person("sub-" + i, "user" + i, "", List.of("g")),
                    IssuanceKind.CREDENTIALS, T0);
            String name = "user" + i + "-abcdefghijkl";
            asked.add(name);
            if (i % 2 == 0) {
                state.recordIssuance(person, session(person, name, T0));
                expected.put(name, session(person, name, T0));
            }
        }

        assertThat(state.sessions(asked)).isEqualTo(expected);
    }

    @Test
    void record_whenNothingIsStored_storesTheRevocation() {
        var state = state();
        Revocation revocation = new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0, "sub-admin");

        assertThat(state.record(revocation)).isEqualTo(revocation);
        assertThat(state.active(T0)).containsExactly(revocation);
    }

    @Test
    void record_whenALaterCutoffIsStored_keepsItAndReturnsIt() {
        var state = state();
        Revocation later = new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0.plusSeconds(1), "sub-admin-2");
        state.record(later);

        assertThat(state.record(new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0, "sub-admin"))).isEqualTo(later);
        assertThat(state.active(T0)).containsExactly(later);
    }

    @Test
    void record_laterCutoff_movesTheCutoffForward() {
        var state = state();
        state.record(new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0, "sub-admin"));
        Revocation later = new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0.plusSeconds(5), "sub-admin");

        assertThat(state.record(later)).isEqualTo(later);
        assertThat(state.active(T0)).containsExactly(later);
    }

    @Test
    void record_everyone_isKeptApartFromPeople() {
        var state = state();
        Revocation alice = new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0.plusSeconds(9), "sub-admin");
        Revocation everyone = new Revocation.OfEveryone(T0, "sub-admin");
        state.record(alice);
        state.record(everyone);

        assertThat(state.active(T0)).containsExactlyInAnyOrder(alice, everyone);
    }

    @Test
    void active_leavesOutRevocationsOlderThanTheRetention() {
        var state = state();
        Revocation old = new Revocation.OfPerson("abcdefghijkl", "sub-alice", T0, "sub-admin");
        Revocation young = new Revocation.OfPerson("mnopqrstuvwx", "sub-bob", T0.plusSeconds(120), "sub-admin");
        state.record(old);
        state.record(young);

        assertThat(state.active(T0.plus(Revocation.RETENTION).plusSeconds(1))).containsExactly(young);
    }

    @Test
    void record_concurrentCutoffsForOnePerson_keepTheLatest() throws Exception {
        var state = state();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Revocation>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Instant cutoff = T0.plusSeconds(i);
                futures.add(pool.submit(() -> state.record(new Revocation.OfPerson("abcdefghijkl", "sub-alice", cutoff, "a"))));
            }
            for (Future<Revocation> f : futures) f.get();
        } finally {
            pool.shutdown();
        }

        assertThat(state.active(T0)).extracting(Revocation::cutoff).containsExactly(T0.plusSeconds(39));
    }

    @Test
    void acquireLease_whileAnotherOwnerHoldsIt_isRefused() {
        var state = state();
        assertThat(state.acquireLease("revocation-policy", "a", T0, T0.plusSeconds(30))).isTrue();

        assertThat(state.acquireLease("revocation-policy", "b", T0.plusSeconds(1), T0.plusSeconds(31))).isFalse();
        assertThat(state.acquireLease("revocation-policy", "a", T0.plusSeconds(1), T0.plusSeconds(31))).isTrue();
    }

    @Test
    void acquireLease_afterItExpired_isGranted() {
        var state = state();
        state.acquireLease("revocation-policy", "a", T0, T0.plusSeconds(30));

        assertThat(state.acquireLease("revocation-policy", "b", T0.plusSeconds(31), T0.plusSeconds(61))).isTrue();
    }

    @Test
    void releaseLease_byItsOwner_letsAnotherTakeIt_andByAnotherDoesNothing() {
        var state = state();
        state.acquireLease("revocation-policy", "a", T0, T0.plusSeconds(30));
        state.releaseLease("revocation-policy", "b");
        assertThat(state.acquireLease("revocation-policy", "b", T0, T0.plusSeconds(30))).isFalse();

        state.releaseLease("revocation-policy", "a");

        assertThat(state.acquireLease("revocation-policy", "b", T0, T0.plusSeconds(30))).isTrue();
    }
}
