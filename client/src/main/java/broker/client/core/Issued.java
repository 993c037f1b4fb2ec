package broker.client.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A value just issued by the broker, with its expiry and the broker's clock reading (its {@code Date} header), or
 * null when the answer carried none.
 */
public record Issued<T>(T value, Instant expiration, Instant brokerNow) {
    public Issued {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiration, "expiration");
    }
}
