package broker.client.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The caller's usage as {@code GET /v1/usage} answers it: today and this month (UTC), by model.
 *
 * @param today     today's totals
 * @param month     this month's totals
 * @param updatedAt when the broker last counted a record of the caller, or null
 * @param document  the answer as received (for {@code --json})
 */
public record Usage(Period today, Period month, String updatedAt, Map<String, Object> document) {
    public Usage {
        document = Map.copyOf(document);
    }

    /** One period (or one model in it). */
    public record Period(String name, BigDecimal costUsd, long requests, long inputTokens, long outputTokens,
                         long cacheReadTokens, long cacheWriteTokens, List<Period> byModel) {
        public Period {
            byModel = List.copyOf(byModel);
        }
    }
}
