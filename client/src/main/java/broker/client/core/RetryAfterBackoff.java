package broker.client.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Honors the broker's {@code Retry-After} across processes. After a 429 or 5xx, no process of the profile asks the
 * broker again until that time has passed (each {@code aws} command is a new process, so without this every one would
 * ask again at once); meanwhile those with a still-usable cached value serve it, and the others fail at once with the
 * time left. The wait is capped, so that a wrong header never locks the client out for long.
 */
public final class RetryAfterBackoff {
    /** The wait after a 429 or 5xx that names none. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    /** The longest wait honored, whatever the header says. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /**
     * Until when the broker asked to be left alone, and the failure that asked.
     *
     * @param until   no request before this instant
     * @param service who asked ("the broker" or "the identity provider")
     * @param status  the HTTP status of that answer
     * @param title   its problem title
     */
    public record Hold(Instant until, String service, int status, String title) {
        public Hold {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(service, "service");
        }
    }

    /** Port: where the hold is kept, shared by every process of the profile. Best effort: never fails. */
    public interface Store {
        Optional<Hold> read();

        void write(Hold hold);

        void clear();
    }

    /** No backoff at all: nothing is kept. */
    public static final RetryAfterBackoff NONE = new RetryAfterBackoff(new Store() {
        @Override
        public Optional<Hold> read() {
            return Optional.empty();
        }

        @Override
        public void write(Hold hold) {
        }

        @Override
        public void clear() {
        }
    });

    private final Store store;

    public RetryAfterBackoff(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The failure to report instead of asking the broker, with the time left in {@code retryAfter}; empty when the
     * broker may be asked.
     */
    public Optional<ClientFailure.Unavailable> pending(Instant now) {
        Optional<Hold> hold = store.read();
        if (hold.isEmpty() || !now.isBefore(hold.get().until())) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, hold.get().until());
        // A clock set back (or a tampered file) must not stretch the wait beyond the cap.
        if (left.compareTo(MAX_WAIT) > 0) left = MAX_WAIT;
        left = Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000));
        Hold h = hold.get();
        return Optional.of(new ClientFailure.Unavailable(h.service(), h.status(), left, h.title()));
    }

    /** Remembers the wait that {@code failure} asks for; other failures (refusals, no answer at all) change nothing. */
    public void record(ClientFailure failure, Instant now) {
        if (failure instanceof ClientFailure.Unavailable(var service, var status, var retryAfter, var title)) {
            Duration wait = retryAfter == null ? DEFAULT_WAIT : retryAfter;
            if (wait.compareTo(MAX_WAIT) > 0) wait = MAX_WAIT;
            if (wait.isPositive()) {
                store.write(new Hold(now.plus(wait), service, status, title));
            }
        }
    }

    /** After an answer: the broker may be asked again at once. */
    public void clear() {
        store.clear();
    }
}
