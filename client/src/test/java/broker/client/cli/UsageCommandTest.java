package broker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageCommandTest {
    private static Usage.Period period(String name, String cost, long requests, List<Usage.Period> models) {
        return new Usage.Period(name, new BigDecimal(cost), requests, 3000, 300, 0, 0, models);
    }

    @Test
    void text_showsTodayAndTheMonthByModel_withCostsInCents() {
        Usage usage = new Usage(period("2026-12-07", "0.013500", 2, List.of(period("anthropic.claude-sonnet-4-5", "0.0135", 2, List.of()))),
                period("2026-12", "1.234567", 9, List.of()), "2026-12-07T22:00:00Z", Map.of());

        String text = UsageCommand.text(usage);

        assertThat(text.lines().toList()).hasSize(5);
        assertThat(text).contains("today").contains("this month").contains("anthropic.claude-sonnet-4-5")
                .contains(" 0.01 ").contains(" 1.23 ").contains("counted up to 2026-12-07T22:00:00Z");
    }

    @Test
    void text_nothingCounted_saysSo() {
        Usage usage = new Usage(period("2026-12-07", "0", 0, List.of()), period("2026-12", "0", 0, List.of()), null, Map.of());

        assertThat(UsageCommand.text(usage)).endsWith("Nothing counted yet this month.\n");
    }
}
