package broker.lambda.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A ledger period: a UTC day or a UTC month (budgets reset at its {@link #end}).
 *
 * @param kind day or month
 * @param key  {@code 2026-12-07} or {@code 2026-12}
 */
public record Period(Kind kind, String key) implements Comparable<Period> {
    /** Days and months. */
    public enum Kind { DAY, MONTH }

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        switch (kind) {
            case DAY -> LocalDate.parse(key);
            case MONTH -> YearMonth.parse(key);
        }
    }

    public static Period day(LocalDate day) {
        return new Period(Kind.DAY, day.toString());
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month.toString());
    }

    /** The UTC day of {@code instant}. */
    public static Period dayOf(Instant instant) {
        return day(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The UTC month of {@code instant}. */
    public static Period monthOf(Instant instant) {
        return month(YearMonth.from(LocalDate.ofInstant(instant, ZoneOffset.UTC)));
    }

    /** When the period starts. */
    public Instant start() {
        return switch (kind) {
            case DAY -> LocalDate.parse(key).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> YearMonth.parse(key).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    /** When the next period starts (a budget's reset). */
    public Instant end() {
        return switch (kind) {
            case DAY -> LocalDate.parse(key).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTH -> YearMonth.parse(key).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    @Override
    public int compareTo(Period other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return key;
    }
}
