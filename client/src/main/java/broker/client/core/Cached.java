package broker.client.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A value from the broker as kept in the client's cache, with when it was obtained and when it stops working, both on
 * this machine's clock.
 */
public record Cached<T>(T value, Instant obtainedAt, Instant expiresAt) {
    public Cached {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** How long the value was good for when it arrived. */
    public Duration lifetime() {
        return Duration.between(obtainedAt, expiresAt);
    }

    /** How long it is still good for at {@code now} (negative once expired). */
    public Duration remaining(Instant now) {
        return Duration.between(now, expiresAt);
    }
}
