package broker.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /** Linear interpolation between the closest ranks. */
    public static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = q * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }

    public static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }

    /** "median (p10–p90, n)" */
    public static String summary(List<Double> values) {
        return ms(median(values)) + String.format(Locale.ROOT, " (p10 %.0f, p90 %.0f, n=%d)", quantile(values, 0.1),
                quantile(values, 0.9), values.size());
    }
}
