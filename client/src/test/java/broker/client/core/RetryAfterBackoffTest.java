package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterBackoffTest {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    /** The store in memory. */
    static final class MemoryStore implements RetryAfterBackoff.Store {
        RetryAfterBackoff.Hold hold;
        int writes;

        @Override
        public Optional<RetryAfterBackoff.Hold> read() {
            return Optional.ofNullable(hold);
        }

        @Override
        public void write(RetryAfterBackoff.Hold newHold) {
            writes++;
            hold = newHold;
        }

        @Override
        public void clear() {
            hold = null;
        }
    }

    final MemoryStore store = new MemoryStore();
    final RetryAfterBackoff backoff = new RetryAfterBackoff(store);

    static ClientFailure.Unavailable throttled(Duration retryAfter) {
        return new ClientFailure.Unavailable("the broker", 429, retryAfter, "Too many requests");
    }

    @Test
    void pending_afterA429WithRetryAfter_reportsTheTimeLeftUntilItPasses() {
        backoff.record(throttled(Duration.ofSeconds(30)), T0);

        assertThat(backoff.pending(T0.plusSeconds(10)))
                .contains(new ClientFailure.Unavailable("the broker", 429, Duration.ofSeconds(20), "Too many requests"));
        assertThat(backoff.pending(T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void pending_partOfASecondLeft_reportsOneSecond() {
        backoff.record(throttled(Duration.ofSeconds(3)), T0);

        assertThat(backoff.pending(T0.plusMillis(2_500)).orElseThrow().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void record_5xxWithoutRetryAfter_waitsTheDefault() {
        backoff.record(new ClientFailure.Unavailable("the broker", 503, null, "HTTP 503"), T0);

        assertThat(store.hold.until()).isEqualTo(T0.plus(RetryAfterBackoff.DEFAULT_WAIT));
    }

    @Test
    void record_hugeRetryAfter_isCappedAtTheMaximum() {
        backoff.record(throttled(Duration.ofDays(365)), T0);

        assertThat(store.hold.until()).isEqualTo(T0.plus(RetryAfterBackoff.MAX_WAIT));
    }

    @Test
    void pending_holdFarInTheFutureAfterTheClockWentBack_isCappedAtTheMaximum() {
        store.hold = new RetryAfterBackoff.Hold(T0.plus(Duration.ofDays(1)), "the broker", 429, "Too many requests");

        assertThat(backoff.pending(T0).orElseThrow().retryAfter()).isEqualTo(RetryAfterBackoff.MAX_WAIT);
    }

    @Test
    void record_failuresThatAreNotOverload_keepNoHold() {
        backoff.record(new ClientFailure.Refused(403, "t", "Not entitled", "no"), T0);
        backoff.record(new ClientFailure.Unreachable("broker", ClientFailure.Network.CONNECTION, "refused"), T0);
        backoff.record(new ClientFailure.TokenRejected(null), T0);
        backoff.record(throttled(Duration.ZERO), T0);

        assertThat(store.writes).isZero();
        assertThat(backoff.pending(T0)).isEmpty();
    }

    @Test
    void clear_afterAHold_letsTheBrokerBeAskedAtOnce() {
        backoff.record(throttled(Duration.ofSeconds(30)), T0);

        backoff.clear();

        assertThat(backoff.pending(T0)).isEmpty();
    }
}
