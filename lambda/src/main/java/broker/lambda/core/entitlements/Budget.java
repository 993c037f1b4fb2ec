package broker.lambda.core.entitlements;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * A person's spend caps in USD per UTC day and per UTC month, in micro-USD (millionths of a dollar, the unit of the
 * usage ledger), and the warning thresholds in percent of a cap. An empty cap is no cap for that period.
 *
 * @param dailyMicroUsd   the cap per UTC day, or empty
 * @param monthlyMicroUsd the cap per UTC month, or empty
 * @param warnAtPercent   ascending thresholds in (0, 100); at or above the last one sessions are shortened
 */
public record Budget(OptionalLong dailyMicroUsd, OptionalLong monthlyMicroUsd, List<Integer> warnAtPercent) {
    /** The thresholds when a budget names none. */
    public static final List<Integer> DEFAULT_WARN_AT_PERCENT = List.of(80, 90);
    /** No cap in either period. */
    public static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalLong.empty(), DEFAULT_WARN_AT_PERCENT);

    public Budget {
        warnAtPercent = List.copyOf(warnAtPercent);
        if (dailyMicroUsd.isPresent() && dailyMicroUsd.getAsLong() <= 0
                || monthlyMicroUsd.isPresent() && monthlyMicroUsd.getAsLong() <= 0) {
            throw new IllegalArgumentException("a cap must be positive");
        }
        if (warnAtPercent.isEmpty()) {
            throw new IllegalArgumentException("at least one warning threshold");
        }
        for (int i = 0; i < warnAtPercent.size(); i++) {
            int percent = warnAtPercent.get(i);
            if (percent <= 0 || percent >= 100 || i > 0 && percent <= warnAtPercent.get(i - 1)) {
                throw new IllegalArgumentException("thresholds must ascend strictly within (0, 100): " + warnAtPercent);
            }
        }
    }

    /** True when neither period has a cap. */
    public boolean unlimited() {
        return dailyMicroUsd.isEmpty() && monthlyMicroUsd.isEmpty();
    }

    /** The threshold at or above which sessions are shortened. */
    public int lastThreshold() {
        return warnAtPercent.getLast();
    }

    /**
     * The budget of a person with several profiles, the most generous per period like the other grants: a period is
     * uncapped when any applying profile leaves it uncapped (a profile without a budget leaves both uncapped), else its
     * cap is the largest; the thresholds are those of the applying budget that shortens latest (the highest last
     * threshold, then the highest earlier ones).
     */
    public static Budget mostGenerous(Collection<Budget> all) {
        if (all.isEmpty()) {
            return UNLIMITED;
        }
        List<Integer> thresholds = all.stream().map(Budget::warnAtPercent)
                .max(Comparator.comparing(Budget::fromLast, Budget::compareLists)).orElseThrow();
        return new Budget(largest(all.stream().map(Budget::dailyMicroUsd).toList()),
                largest(all.stream().map(Budget::monthlyMicroUsd).toList()), thresholds);
    }

    private static OptionalLong largest(List<OptionalLong> caps) {
        if (caps.stream().anyMatch(OptionalLong::isEmpty)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(caps.stream().mapToLong(OptionalLong::getAsLong).max().orElseThrow());
    }

    private static List<Integer> fromLast(List<Integer> thresholds) {
        return thresholds.reversed();
    }

    private static int compareLists(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byValue = Integer.compare(a.get(i), b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(b.size(), a.size()); // fewer thresholds: fewer warnings
    }
}
