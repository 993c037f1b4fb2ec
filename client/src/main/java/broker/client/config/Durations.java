package broker.client.config;

import java.time.Duration;

/** Parses durations as people type them: {@code 900}, {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        long seconds = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 900, 90s, 15m, 1h)");
            }
            long n = Long.parseLong(s, start, i, 10);
            char unit = i < s.length() ? s.charAt(i++) : 's';
            seconds += switch (unit) {
                case 's' -> n;
                case 'm' -> n * 60;
                case 'h' -> n * 3600;
                default -> throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 900, 90s, 15m, 1h)");
            };
        }
        return Duration.ofSeconds(seconds);
    }

    /** The shortest of these forms that reads back to {@code d}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
