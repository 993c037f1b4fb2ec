package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
    private static final Instant LOCAL = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-25T13:00:00Z");

    @Test
    void localExpiry_whenLocalClockTwentyMinutesAhead_movesExpiryLater() {
        Instant brokerNow = LOCAL.minus(Duration.ofMinutes(20));
        assertThat(ClockSkew.localExpiry(EXPIRY, brokerNow, LOCAL)).isEqualTo(EXPIRY.plus(Duration.ofMinutes(20)));
    }

    @Test
    void localExpiry_whenLocalClockBehind_movesExpiryEarlier() {
        Instant brokerNow = LOCAL.plus(Duration.ofMinutes(7));
        assertThat(ClockSkew.localExpiry(EXPIRY, brokerNow, LOCAL)).isEqualTo(EXPIRY.minus(Duration.ofMinutes(7)));
    }

    @Test
    void localExpiry_withinToleranceOrUnknown_isUnchanged() {
        assertThat(ClockSkew.localExpiry(EXPIRY, LOCAL.plusSeconds(4), LOCAL)).isEqualTo(EXPIRY);
        assertThat(ClockSkew.localExpiry(EXPIRY, null, LOCAL)).isEqualTo(EXPIRY);
    }
}
