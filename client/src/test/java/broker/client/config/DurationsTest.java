package broker.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parse_acceptsSecondsMinutesHoursAndCombinations() {
        assertThat(Durations.parse("900")).isEqualTo(Duration.ofSeconds(900));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void parse_rejectsUnknownUnitsAndEmptyText() {
        assertThatThrownBy(() -> Durations.parse("5d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
