package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.CredentialKeeperTest.FakeLock;
import broker.client.core.CredentialKeeperTest.FakeTokens;
import broker.client.core.CredentialKeeperTest.MemorySlot;
import broker.client.core.CredentialKeeperTest.RecordingDiagnostics;
import broker.client.core.CredentialKeeperTest.ScriptedIssuer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The refresh path honoring the broker's {@code Retry-After}: back off, keep serving what is still usable. */
class CredentialKeeperBackoffTest {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final ClientFailure.Unavailable THROTTLED =
            new ClientFailure.Unavailable("the broker", 429, Duration.ofSeconds(30), "Too many requests");

    final MutableClock clock = new MutableClock(T0);
    final MemorySlot slot = new MemorySlot();
    final FakeLock lock = new FakeLock();
    final FakeTokens tokens = new FakeTokens();
    final ScriptedIssuer issuer = new ScriptedIssuer();
    final RecordingDiagnostics log = new RecordingDiagnostics();
    final RetryAfterBackoffTest.MemoryStore store = new RetryAfterBackoffTest.MemoryStore();

    CredentialKeeper<String> keeper() {
        return new CredentialKeeper<>("credentials", slot, RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15)), issuer,
                (v, at) -> v, new RefreshContext(lock, Duration.ofSeconds(1), tokens, clock, log,
                new RetryAfterBackoff(store)));
    }

    @Test
    void obtain_afterA429WithUsableCache_servesTheCacheWithoutAskingAgainUntilRetryAfter() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofMinutes(20)));
        clock.advance(Duration.ofMinutes(10));
        issuer.answers.add(Result.err(THROTTLED));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));

        assertThat(issuer.calls).isEqualTo(1);
        assertThat(lock.acquisitions).isEqualTo(1);
        assertThat(log.stale).hasSize(3);
    }

    @Test
    void obtain_onceRetryAfterHasPassed_asksTheBrokerAgainAndForgetsTheHold() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofMinutes(20)));
        clock.advance(Duration.ofMinutes(10));
        issuer.answers.add(Result.err(THROTTLED));
        keeper().obtain(false);
        clock.advance(Duration.ofSeconds(31));
        Instant now = clock.instant();
        issuer.answers.add(Result.ok(new Issued<>("new", now.plus(Duration.ofHours(1)), now)));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("new"));
        assertThat(issuer.calls).isEqualTo(2);
        assertThat(store.hold).isNull();
    }

    @Test
    void obtain_afterA429WithNothingUsable_failsAtOnceWithTheTimeLeft() {
        issuer.answers.add(Result.err(THROTTLED));
        assertThat(keeper().obtain(false)).isEqualTo(Result.err(THROTTLED));
        clock.advance(Duration.ofSeconds(12));

        Result<String> again = keeper().obtain(false);

        assertThat(again).isEqualTo(Result.err(new ClientFailure.Unavailable("the broker", 429, Duration.ofSeconds(18),
                "Too many requests")));
        assertThat(issuer.calls).isEqualTo(1);
    }

    @Test
    void obtain_whenAnotherProcessWasThrottledWhileThisOneWaitedForTheLock_doesNotAskTheBroker() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofMinutes(20)));
        clock.advance(Duration.ofMinutes(10));
        lock.onAcquire = () -> store.write(new RetryAfterBackoff.Hold(clock.instant().plusSeconds(30), "the broker", 503,
                "Upstream unavailable"));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        assertThat(issuer.calls).isZero();
    }

    @Test
    void obtain_whenTheBrokerIsUnreachable_keepsNoHold() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofMinutes(20)));
        clock.advance(Duration.ofMinutes(10));
        issuer.answers.add(Result.err(new ClientFailure.Unreachable("broker", ClientFailure.Network.CONNECTION, "refused")));
        issuer.answers.add(Result.err(new ClientFailure.Unreachable("broker", ClientFailure.Network.CONNECTION, "refused")));

        keeper().obtain(false);
        keeper().obtain(false);

        assertThat(issuer.calls).isEqualTo(2);
        assertThat(store.hold).isNull();
    }
}
