package broker.client.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Serves a value (STS credentials or a bearer token) from the cache while it is fresh, and otherwise gets a new one
 * from the broker under the profile's refresh lock, so concurrent processes make one broker call. If the refresh
 * fails and the cached value is still usable, that is served with a warning. After a 429 or 5xx the broker is not
 * asked again before its {@code Retry-After} ({@link RetryAfterBackoff}). Never prompts.
 */
public final class CredentialKeeper<T> {
    private final String what;
    private final CacheSlot<T> cache;
    private final RefreshPolicy policy;
    private final Issuer<T> issuer;
    private final BiFunction<T, Instant, T> restamp;
    private final RefreshLock lock;
    private final Duration lockWait;
    private final IdTokenSource tokens;
    private final Clock clock;
    private final Diagnostics log;
    private final RetryAfterBackoff backoff;

    /**
     * @param what    "credentials" or "bearer token", for messages
     * @param restamp gives a value its expiry on this machine's clock, as it will be printed
     * @param context the lock, sign-in, clock, diagnostics and back-off shared by the profile's keepers
     */
    public CredentialKeeper(String what, CacheSlot<T> cache, RefreshPolicy policy, Issuer<T> issuer,
                            BiFunction<T, Instant, T> restamp, RefreshContext context) {
        this.what = Objects.requireNonNull(what);
        this.cache = Objects.requireNonNull(cache);
        this.policy = Objects.requireNonNull(policy);
        this.issuer = Objects.requireNonNull(issuer);
        this.restamp = Objects.requireNonNull(restamp);
        this.lock = context.lock();
        this.lockWait = context.lockWait();
        this.tokens = context.tokens();
        this.clock = context.clock();
        this.log = context.log();
        this.backoff = context.backoff();
    }

    /**
     * One look at the cache: what {@code policy} makes of it at {@code now}. No lock, no token, no network; the
     * cache-hit path of {@code credential-process} and {@code export}, whose verdict a miss then hands to
     * {@link #obtainAfter} so the file is read once before the lock.
     */
    public static <T> CacheVerdict<T> look(CacheSlot<T> cache, RefreshPolicy policy, Instant now) {
        // Plain code, no lambdas: this is the cache-hit path.
        Optional<Cached<T>> cached = cache.read();
        if (cached.isEmpty()) {
            return new CacheVerdict.Unusable<>("nothing cached");
        }
        return policy.assess(cached.get(), now);
    }

    /** A fresh value from the cache or the broker; {@code forceRefresh} skips the cache (but not a concurrent refresh). */
    public Result<T> obtain(boolean forceRefresh) {
        Instant started = clock.instant();
        return obtain(forceRefresh, started, assess(started));
    }

    /**
     * As {@code obtain(false)}, continuing from the verdict of a {@link #look} the caller made at {@code lookedAt}
     * with this keeper's cache and policy: the cache is not read again before the lock.
     */
    public Result<T> obtainAfter(CacheVerdict<T> firstLook, Instant lookedAt) {
        return obtain(false, lookedAt, firstLook);
    }

    private Result<T> obtain(boolean forceRefresh, Instant started, CacheVerdict<T> verdict) {
        if (!forceRefresh && verdict instanceof CacheVerdict.Fresh<T>(var cached)) {
            log.verbose("using cached " + what + ": " + explain(cached, started));
            return Result.ok(cached.value());
        }
        Optional<ClientFailure.Unavailable> wait = backoff.pending(started);
        if (wait.isPresent()) {
            log.verbose("not asking the broker: it asked to retry in " + wait.get().retryAfter().toSeconds() + " s");
            return fallbackOr(verdict, wait.get());
        }
        log.verbose("refreshing " + what + ": " + (forceRefresh ? "refresh requested" : reason(verdict, started)));
        Result<RefreshLock.Held> held = lock.acquire(lockWait);
        if (held instanceof Result.Err<RefreshLock.Held>(var failure)) {
            // Busy, or the lock file is unusable: no refresh without the lock (it fails closed).
            return fallbackOr(assess(clock.instant()), failure);
        }
        RefreshLock.Held lockHeld = ((Result.Ok<RefreshLock.Held>) held).value();
        try {
            Instant now = clock.instant();
            CacheVerdict<T> again = assess(now);
            if (again instanceof CacheVerdict.Fresh<T>(var cached)
                    && (!forceRefresh || !cached.obtainedAt().isBefore(started.truncatedTo(ChronoUnit.SECONDS)))) {
                log.verbose("another process refreshed the " + what + " meanwhile");
                return Result.ok(cached.value());
            }
            Optional<ClientFailure.Unavailable> waitNow = backoff.pending(now);
            if (waitNow.isPresent()) {
                // Another process was told to back off while this one waited for the lock.
                return fallbackOr(again, waitNow.get());
            }
            return switch (issueWithFreshToken()) {
                case Result.Ok<Issued<T>>(var issued) -> {
                    backoff.clear();
                    yield Result.ok(store(issued));
                }
                case Result.Err<Issued<T>>(var failure) -> {
                    backoff.record(failure, clock.instant());
                    yield fallbackOr(again, failure);
                }
            };
        } finally {
            lockHeld.close();
        }
    }

    private CacheVerdict<T> assess(Instant now) {
        return look(cache, policy, now);
    }

    private Result<Issued<T>> issueWithFreshToken() {
        Result<Issued<T>> first = tokens.idToken(false).flatMap(issuer::issue);
        if (!(first instanceof Result.Err<Issued<T>>(ClientFailure.TokenRejected rejected))) {
            return first;
        }
        log.verbose("the broker did not accept the ID token; refreshing it once");
        Result<Issued<T>> second = tokens.idToken(true).flatMap(issuer::issue);
        if (second instanceof Result.Err<Issued<T>>(ClientFailure.TokenRejected again)) {
            return Result.err(new ClientFailure.LoginRequired("the broker did not accept your sign-in"
                    + (again.detail() == null ? "" : " (" + again.detail() + ")")));
        }
        return second;
    }

    private T store(Issued<T> issued) {
        Instant now = clock.instant();
        Instant expiresAt = ClockSkew.localExpiry(issued.expiration(), issued.brokerNow(), now);
        if (!expiresAt.equals(issued.expiration())) {
            log.verbose("clock skew: this machine's clock differs from the broker's by "
                    + ClockSkew.between(issued.brokerNow(), now).negated().toSeconds() + " s");
        }
        var cached = new Cached<>(restamp.apply(issued.value(), expiresAt), now, expiresAt);
        if (cache.write(cached) instanceof Result.Err<Void>(var failure)) {
            log.servingStale(what + " cache", failure, cached.remaining(now));
        }
        log.verbose("got new " + what + " from the broker: " + explain(cached, now));
        return cached.value();
    }

    private Result<T> fallbackOr(CacheVerdict<T> verdict, ClientFailure failure) {
        if (verdict instanceof CacheVerdict.RefreshDue<T>(var usable) && usable != null) {
            log.servingStale(what, failure, usable.remaining(clock.instant()));
            return Result.ok(usable.value());
        }
        if (verdict instanceof CacheVerdict.Fresh<T>(var fresh)) {
            // Only with forceRefresh: the cached value is still good, so hand it out and say why it is not new.
            log.servingStale(what, failure, fresh.remaining(clock.instant()));
            return Result.ok(fresh.value());
        }
        return Result.err(failure);
    }

    private String explain(Cached<T> cached, Instant now) {
        return "expires in " + minutes(cached.remaining(now)) + ", refresh-ahead margin " + minutes(policy.marginFor(cached));
    }

    private String reason(CacheVerdict<T> verdict, Instant now) {
        return switch (verdict) {
            case CacheVerdict.Fresh<T>(var cached) -> explain(cached, now);
            case CacheVerdict.RefreshDue<T>(var cached) -> explain(cached, now);
            case CacheVerdict.Unusable<T>(var why) -> why;
        };
    }

    static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 120 ? seconds + "s" : (seconds / 60) + "m";
    }
}
