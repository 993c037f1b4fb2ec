package broker.client.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's budget as {@code GET /v1/me} shows it: the caps in force (null: uncapped), each capped period's spend,
 * the state ({@code ok}, {@code warned}, {@code shortened}, {@code exhausted}) and an admin override's expiry.
 *
 * @param dailyUsd          the daily cap, or null
 * @param monthlyUsd        the monthly cap, or null
 * @param periods           each capped period's standing
 * @param state             what issuance does now
 * @param overrideExpiresAt when an admin's override ends, or null
 */
public record MyBudget(BigDecimal dailyUsd, BigDecimal monthlyUsd, List<BudgetStatus> periods, String state,
                       Instant overrideExpiresAt) {
    public MyBudget {
        periods = List.copyOf(periods);
    }

    /** The {@code budget} member of a {@code /v1/me} answer; empty when absent or malformed (never fails a command). */
    public static Optional<MyBudget> of(Map<String, Object> me) {
        if (!(me.get("budget") instanceof Map<?, ?> budget)) return Optional.empty();
        try {
            List<BudgetStatus> periods = new ArrayList<>();
            if (budget.get("periods") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> p && p.get("used") instanceof Number used
                            && p.get("limit") instanceof Number limit && p.get("resetsAt") instanceof String resetsAt) {
                        periods.add(new BudgetStatus(p.get("period") instanceof String s ? s : null,
                                new BigDecimal(used.toString()), new BigDecimal(limit.toString()), Instant.parse(resetsAt)));
                    }
                }
            }
            return Optional.of(new MyBudget(usd(budget.get("dailyUsd")), usd(budget.get("monthlyUsd")), periods,
                    budget.get("state") instanceof String s ? s : "ok",
                    budget.get("overrideExpiresAt") instanceof String e ? Instant.parse(e) : null));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True when neither period is capped. */
    public boolean unlimited() {
        return dailyUsd == null && monthlyUsd == null;
    }

    /**
     * One line: {@code daily $10.00: $8.52 used (85 %), resets 2026-12-09T00:00:00Z; monthly: none; warned}, or
     * {@code none} without caps.
     */
    public String summary() {
        if (unlimited()) return "none" + (overrideExpiresAt == null ? "" : " (admin override until " + overrideExpiresAt + ")");
        List<String> parts = new ArrayList<>();
        parts.add(part("daily", "day", dailyUsd));
        parts.add(part("monthly", "month", monthlyUsd));
        String line = String.join("; ", parts) + "; " + describe(state);
        return overrideExpiresAt == null ? line : line + " (admin override until " + overrideExpiresAt + ")";
    }

    private String part(String name, String period, BigDecimal cap) {
        if (cap == null) return name + ": none";
        for (BudgetStatus p : periods) {
            if (period.equals(p.period())) {
                return name + " " + usd(cap) + ": " + usd(p.used()) + " used (" + p.percent() + " %), resets " + p.resetsAt();
            }
        }
        return name + " " + usd(cap);
    }

    private static String describe(String state) {
        return switch (state) {
            case "warned" -> "above a warning threshold";
            case "shortened" -> "near the cap: sessions last at most 15 min";
            case "exhausted" -> "used up: nothing is issued until the reset";
            default -> "ok";
        };
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal usd(Object value) {
        return value instanceof Number n ? new BigDecimal(n.toString()) : null;
    }
}
