package broker.client.core;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A configured profile: the broker's URL, what the broker said at {@code configure} time, and the refresh-ahead
 * margin chosen then ({@code refreshAhead} is null when none was chosen).
 */
public record ProfileSettings(URI brokerUrl, BrokerSettings broker, Duration refreshAhead) {
    public ProfileSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(broker, "broker");
    }
}
