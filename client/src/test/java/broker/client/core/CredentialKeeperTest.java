package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialKeeperTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final MemorySlot slot = new MemorySlot();
    private final FakeLock lock = new FakeLock();
    private final FakeTokens tokens = new FakeTokens();
    private final ScriptedIssuer issuer = new ScriptedIssuer();
    private final RecordingDiagnostics log = new RecordingDiagnostics();

    private CredentialKeeper<String> keeper() {
        return new CredentialKeeper<>("credentials", slot, RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15)), issuer,
                (v, at) -> v + "@" + at, new RefreshContext(lock, Duration.ofSeconds(1), tokens, clock, log,
                RetryAfterBackoff.NONE));
    }

    private static Result<Issued<String>> issued(String value, Instant expiration, Instant brokerNow) {
        return Result.ok(new Issued<>(value, expiration, brokerNow));
    }

    @Test
    void obtain_whenCacheFresh_servesItWithoutTokenLockOrBroker() {
        slot.entry = new Cached<>("cached", T0, T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(30));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("cached"));
        assertThat(issuer.calls).isZero();
        assertThat(tokens.requests).isEmpty();
        assertThat(lock.acquisitions).isZero();
    }

    @Test
    void obtain_whenInsideMargin_refreshesAndCachesOnLocalClock() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(50));
        Instant now = clock.instant();
        issuer.answers.add(issued("new", now.plus(Duration.ofHours(1)), now));

        Result<String> result = keeper().obtain(false);

        assertThat(result).isEqualTo(Result.ok("new@" + now.plus(Duration.ofHours(1))));
        assertThat(slot.entry.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(slot.entry.obtainedAt()).isEqualTo(now);
        assertThat(issuer.tokensUsed).containsExactly("id-1");
    }

    @Test
    void obtain_whenBrokerClockBehind_storesExpiryShiftedToLocalClock() {
        Instant brokerNow = T0.minus(Duration.ofMinutes(20));
        issuer.answers.add(issued("new", brokerNow.plus(Duration.ofHours(1)), brokerNow));

        keeper().obtain(false);

        assertThat(slot.entry.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(slot.entry.value()).isEqualTo("new@" + T0.plus(Duration.ofHours(1)));
    }

    @Test
    void obtain_whenRefreshFailsAndCacheUsable_servesCacheAndWarns() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(50));
        var down = new ClientFailure.Unreachable("broker", ClientFailure.Network.CONNECTION, "refused");
        issuer.answers.add(Result.err(down));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        assertThat(log.stale).containsExactly("credentials " + down + " 10");
    }

    @Test
    void obtain_whenRefreshFailsAndCacheExpired_returnsTheFailure() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(2));
        var down = new ClientFailure.Unreachable("broker", ClientFailure.Network.CONNECTION, "refused");
        issuer.answers.add(Result.err(down));

        assertThat(keeper().obtain(false)).isEqualTo(Result.err(down));
        assertThat(log.stale).isEmpty();
    }

    @Test
    void obtain_whenBrokerRejectsToken_refreshesTokenOnceAndRetries() {
        issuer.answers.add(Result.err(new ClientFailure.TokenRejected("expired")));
        issuer.answers.add(issued("new", T0.plus(Duration.ofHours(1)), null));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("new@" + T0.plus(Duration.ofHours(1))));
        assertThat(tokens.requests).containsExactly(false, true);
        assertThat(issuer.tokensUsed).containsExactly("id-1", "id-2");
    }

    @Test
    void obtain_whenBrokerRejectsRefreshedTokenToo_asksForLogin() {
        issuer.answers.add(Result.err(new ClientFailure.TokenRejected(null)));
        issuer.answers.add(Result.err(new ClientFailure.TokenRejected(null)));

        assertThat(keeper().obtain(false)).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.LoginRequired.class));
        assertThat(issuer.calls).isEqualTo(2);
    }

    @Test
    void obtain_whenNotSignedIn_returnsLoginRequiredWithoutCallingBroker() {
        tokens.failure = new ClientFailure.LoginRequired("you are not signed in");

        assertThat(keeper().obtain(false)).isEqualTo(Result.err(tokens.failure));
        assertThat(issuer.calls).isZero();
    }

    @Test
    void obtain_whenAnotherProcessRefreshedWhileWaiting_usesItsValue() {
        slot.entry = new Cached<>("old", T0.minus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(10)));
        lock.onAcquire = () -> slot.entry = new Cached<>("theirs", T0, T0.plus(Duration.ofHours(1)));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("theirs"));
        assertThat(issuer.calls).isZero();
    }

    @Test
    void obtain_whenLockTimesOutWithUsableCache_servesCache() {
        slot.entry = new Cached<>("old", T0.minus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(10)));
        lock.available = false;

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        assertThat(log.stale).hasSize(1);
    }

    @Test
    void obtain_whenLockTimesOutWithNothingCached_isBusy() {
        lock.available = false;

        assertThat(keeper().obtain(false)).isEqualTo(Result.err(new ClientFailure.Busy(Duration.ofSeconds(1))));
    }

    @Test
    void obtain_forced_callsBrokerEvenWhenCacheFresh() {
        slot.entry = new Cached<>("cached", T0.minusSeconds(60), T0.plus(Duration.ofHours(1)));
        issuer.answers.add(issued("new", T0.plus(Duration.ofHours(1)), null));

        assertThat(keeper().obtain(true)).isEqualTo(Result.ok("new@" + T0.plus(Duration.ofHours(1))));
        assertThat(issuer.calls).isEqualTo(1);
    }

    @Test
    void obtain_whenCacheWriteFails_stillReturnsNewValueAndWarns() {
        slot.writeFailure = new ClientFailure.LocalFile("/x", "disk full");
        issuer.answers.add(issued("new", T0.plus(Duration.ofHours(1)), null));

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("new@" + T0.plus(Duration.ofHours(1))));
        assertThat(log.stale).hasSize(1);
    }

    @Test
    void obtain_whenTheLockFileIsBroken_doesNotRefreshAndFailsWithTheLockFile() {
        lock.broken = new ClientFailure.LocalFile("/p/refresh.lock", "Is a directory");
        issuer.answers.add(issued("new", T0.plus(Duration.ofHours(1)), null));

        assertThat(keeper().obtain(false)).isEqualTo(Result.err(lock.broken));
        assertThat(issuer.calls).isZero();
        assertThat(tokens.requests).isEmpty();
    }

    @Test
    void obtain_whenTheLockFileIsBrokenButTheCacheIsUsable_servesTheCacheWithAWarning() {
        slot.entry = new Cached<>("old", T0, T0.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(50));
        lock.broken = new ClientFailure.LocalFile("/p/refresh.lock", "Is a directory");

        assertThat(keeper().obtain(false)).isEqualTo(Result.ok("old"));
        assertThat(issuer.calls).isZero();
        assertThat(log.stale).hasSize(1);
    }

    @Test
    void look_whenDue_isNotFresh() {
        slot.entry = new Cached<>("old", T0.minus(Duration.ofMinutes(46)), T0.plus(Duration.ofMinutes(14)));
        assertThat(CredentialKeeper.look(slot, RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15)), T0))
                .isInstanceOf(CacheVerdict.RefreshDue.class);
    }

    @Test
    void look_whenNothingCached_isUnusable() {
        assertThat(CredentialKeeper.look(slot, RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15)), T0))
                .isEqualTo(new CacheVerdict.Unusable<String>("nothing cached"));
    }

    @Test
    void obtainAfter_aMissedLook_readsTheCacheOnlyOnceMoreUnderTheLock() {
        slot.entry = new Cached<>("old", T0.minus(Duration.ofMinutes(46)), T0.plus(Duration.ofMinutes(14)));
        RefreshPolicy policy = RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15));
        CacheVerdict<String> firstLook = CredentialKeeper.look(slot, policy, T0);
        issuer.answers.add(issued("new", T0.plus(Duration.ofHours(1)), null));

        assertThat(keeper().obtainAfter(firstLook, T0)).isEqualTo(Result.ok("new@" + T0.plus(Duration.ofHours(1))));
        assertThat(slot.reads).isEqualTo(2);
    }

    static final class MemorySlot implements CacheSlot<String> {
        Cached<String> entry;
        ClientFailure writeFailure;
        int reads;

        @Override
        public Optional<Cached<String>> read() {
            reads++;
            return Optional.ofNullable(entry);
        }

        @Override
        public Result<Void> write(Cached<String> e) {
            if (writeFailure != null) {
                return Result.err(writeFailure);
            }
            entry = e;
            return Result.ok(null);
        }
    }

    static final class FakeLock implements RefreshLock {
        boolean available = true;
        ClientFailure broken;
        int acquisitions;
        Runnable onAcquire = () -> { };

        @Override
        public Result<Held> acquire(Duration wait) {
            acquisitions++;
            if (broken != null) {
                return Result.err(broken);
            }
            if (!available) {
                return Result.err(new ClientFailure.Busy(wait));
            }
            onAcquire.run();
            return Result.ok(() -> { });
        }
    }

    static final class FakeTokens implements IdTokenSource {
        final List<Boolean> requests = new ArrayList<>();
        ClientFailure failure;

        @Override
        public Result<String> idToken(boolean forceRefresh) {
            requests.add(forceRefresh);
            return failure != null ? Result.err(failure) : Result.ok("id-" + requests.size());
        }
    }

    static final class ScriptedIssuer implements Issuer<String> {
        final Deque<Result<Issued<String>>> answers = new ArrayDeque<>();
        final List<String> tokensUsed = new ArrayList<>();
        int calls;

        @Override
        public Result<Issued<String>> issue(String idToken) {
            calls++;
            tokensUsed.add(idToken);
            return answers.removeFirst();
        }
    }

    static final class RecordingDiagnostics implements Diagnostics {
        final List<String> stale = new ArrayList<>();

        @Override
        public void verbose(String message) {
        }

        @Override
        public void servingStale(String what, ClientFailure why, Duration left) {
            stale.add(what + " " + why + " " + left.toMinutes());
        }
    }
}
