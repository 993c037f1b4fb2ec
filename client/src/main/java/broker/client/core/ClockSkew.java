package broker.client.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Translates the broker's expiry onto this machine's clock. The broker's {@code Date} header has one-second
 * resolution and the request takes time, so differences under {@link #TOLERANCE} are taken as no skew.
 */
public final class ClockSkew {
    public static final Duration TOLERANCE = Duration.ofSeconds(5);

    private ClockSkew() {
    }

    /** The broker's clock minus ours; zero when unknown or within tolerance. */
    public static Duration between(Instant brokerNow, Instant localNow) {
        if (brokerNow == null) {
            return Duration.ZERO;
        }
        Duration skew = Duration.between(localNow, brokerNow);
        return skew.abs().compareTo(TOLERANCE) <= 0 ? Duration.ZERO : skew;
    }

    /** When a value the broker says expires at {@code expiration} expires on our clock. */
    public static Instant localExpiry(Instant expiration, Instant brokerNow, Instant localNow) {
        return expiration.minus(between(brokerNow, localNow));
    }
}
