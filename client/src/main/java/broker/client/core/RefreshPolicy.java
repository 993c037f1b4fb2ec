package broker.client.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When cached values are served, refreshed ahead of expiry, or no longer handed out.
 *
 * <p>AWS CLI (botocore) refreshes 15 minutes before {@code Expiration} and Claude Code only caches output with more
 * than 6 minutes left, so the default margin is 15 minutes. A value whose whole lifetime is short is refreshed at the
 * latest half-way, so a 15-minute credential does not cost a broker call on every invocation. Below {@code floor} a
 * value is not even served as a fallback: it would expire mid-request.
 */
public record RefreshPolicy(Duration refreshAhead, Duration floor) {
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(15);
    public static final Duration DEFAULT_FLOOR = Duration.ofMinutes(1);
    /**
     * Claude Code caches {@code awsCredentialExport} output until 5 minutes before expiry only when more than 6
     * minutes are left, and otherwise for a whole hour: failing is better than handing it less than this.
     */
    public static final Duration CLAUDE_CODE_FLOOR = Duration.ofMinutes(7);

    public RefreshPolicy {
        Objects.requireNonNull(refreshAhead, "refreshAhead");
        Objects.requireNonNull(floor, "floor");
        if (refreshAhead.isNegative() || floor.isNegative()) {
            throw new IllegalArgumentException("margins must not be negative");
        }
    }

    public static RefreshPolicy withRefreshAhead(Duration refreshAhead) {
        return new RefreshPolicy(refreshAhead, DEFAULT_FLOOR);
    }

    public RefreshPolicy withFloor(Duration newFloor) {
        return new RefreshPolicy(refreshAhead, newFloor);
    }

    /** The margin that applies to this value: the configured one, at most half its lifetime, at least the floor. */
    public Duration marginFor(Cached<?> cached) {
        // Whole seconds: Duration.dividedBy goes through BigDecimal, slow to load on the cache-hit path.
        Duration half = Duration.ofSeconds(cached.lifetime().getSeconds() / 2);
        Duration margin = half.compareTo(refreshAhead) < 0 ? half : refreshAhead;
        return margin.compareTo(floor) < 0 ? floor : margin;
    }

    public <T> CacheVerdict<T> assess(Cached<T> cached, Instant now) {
        Duration remaining = cached.remaining(now);
        if (remaining.compareTo(marginFor(cached)) > 0) {
            return new CacheVerdict.Fresh<>(cached);
        }
        if (remaining.compareTo(floor) > 0) {
            return new CacheVerdict.RefreshDue<>(cached);
        }
        return new CacheVerdict.Unusable<>(remaining.isNegative() ? "cached value expired" : "cached value expires too soon");
    }
}
