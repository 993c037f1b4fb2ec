package broker.lambda.core.catalog;

import broker.lambda.core.catalog.CatalogSource.RegionFetch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model catalog of a function instance: one snapshot of every allowed region, refreshed in the background.
 *
 * <ul>
 *   <li>A refresh reads every region at once; it replaces the snapshot only when every region answered, so a failed refresh
 *       keeps the last good snapshot (and is reported once per streak of failures, see {@link CatalogEvents}).</li>
 *   <li>A snapshot is trusted while it is younger than {@link Timing#maxAge()}, and never after {@link #afterRestore()}
 *       until a refresh made after the restore succeeds: a SnapStart snapshot may be restored days after it was
 *       taken.</li>
 *   <li>Requests never wait for a refresh while a trusted snapshot exists. When none does (the first load, after a
 *       restore, after {@code maxAge} of failures), {@link #current()} starts a refresh (one at a time) and waits for
 *       it at most {@link Timing#firstLoadWait()}; after a failed attempt it does not wait again for
 *       {@link Timing#retryAfterFailure()}, so an outage never slows every request. {@link #ifReady()} (issuance)
 *       starts the refresh too but never waits.</li>
 * </ul>
 */
public final class RefreshingModelCatalog implements ModelCatalog {

    /**
     * How often and how long.
     *
     * @param refreshInterval   time between background refreshes
     * @param maxAge            the oldest snapshot that is still used
     * @param firstLoadWait     the longest a request waits when there is no trusted snapshot
     * @param retryAfterFailure after a failed refresh, how long requests go without waiting for another one
     */
    public record Timing(Duration refreshInterval, Duration maxAge, Duration firstLoadWait, Duration retryAfterFailure) {
        /** Every 15 minutes; trusted for an hour; a request waits at most 3 s, and once a minute during an outage. */
        public static final Timing DEFAULT = new Timing(Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofSeconds(3), Duration.ofMinutes(1));

        public Timing {
            Objects.requireNonNull(refreshInterval, "refreshInterval");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(firstLoadWait, "firstLoadWait");
            Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
            if (maxAge.compareTo(refreshInterval) < 0) {
                throw new IllegalArgumentException("maxAge must be at least refreshInterval");
            }
        }
    }

    private final CatalogSource source;
    private final List<String> regions;
    private final Clock clock;
    private final Timing timing;
    private final Executor executor;
    private final CatalogEvents events;

    private final AtomicReference<CatalogSnapshot> snapshot = new AtomicReference<>();
    private final Object lock = new Object();
    private CompletableFuture<Boolean> inFlight; // guarded by lock
    private volatile boolean restored;           // a restore happened and no refresh started after it has succeeded
    private int restores;                        // guarded by lock: how many restores so far
    private volatile Instant lastFailure;        // null after a success
    private volatile boolean failing;            // a failure was reported and no success since

    /**
     * @param source   reads one region
     * @param regions  every region the entitlements name
     * @param clock    decides ages
     * @param timing   intervals and limits
     * @param executor runs refreshes off the request thread (a daemon thread in Lambda; the caller's in tests)
     * @param events   where failures, recoveries and loads are reported
     */
    public RefreshingModelCatalog(CatalogSource source, List<String> regions, Clock clock, Timing timing,
                                  Executor executor, CatalogEvents events) {
        this.source = Objects.requireNonNull(source, "source");
        this.regions = List.copyOf(regions);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Schedules the background refresh every {@link Timing#refreshInterval()}. */
    public void start(CatalogScheduler scheduler) {
        scheduler.every(timing.refreshInterval(), this::refreshInBackground);
    }

    @Override
    public Optional<CatalogSnapshot> current() {
        CatalogSnapshot trusted = trusted();
        if (trusted != null) return Optional.of(trusted);
        Instant failed = lastFailure;
        if (failed != null && clock.instant().isBefore(failed.plus(timing.retryAfterFailure()))) {
            return Optional.empty();
        }
        CompletableFuture<Boolean> attempt = refreshInBackground();
        try {
            attempt.get(timing.firstLoadWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Not in time, or failed: this request goes without; the refresh goes on, or is reported by refresh().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(trusted());
    }

    /** The trusted snapshot, or empty at once; without one, a refresh starts in the background (as in {@link #current()}). */
    @Override
    public Optional<CatalogSnapshot> ifReady() {
        CatalogSnapshot trusted = trusted();
        if (trusted != null) return Optional.of(trusted);
        Instant failed = lastFailure;
        if (failed == null || !clock.instant().isBefore(failed.plus(timing.retryAfterFailure()))) {
            refreshInBackground();
        }
        return Optional.empty();
    }

    /** The last snapshot read, whatever its age and even after a restore; empty before the first load. */
    @Override
    public Optional<CatalogSnapshot> lastKnown() {
        return Optional.ofNullable(snapshot.get());
    }

    /**
     * SnapStart restored this instance: the snapshot is not trusted again until a refresh after the restore
     * succeeds, and one starts now.
     */
    public void afterRestore() {
        synchronized (lock) {
            restores++;
            restored = true;
            // A refresh still in flight from before the snapshot read Bedrock before the restore: start a new one.
            inFlight = CompletableFuture.supplyAsync(this::refresh, executor);
        }
    }

    /** Starts a refresh on the executor unless one is running; the future completes with its success. */
    public CompletableFuture<Boolean> refreshInBackground() {
        synchronized (lock) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::refresh, executor);
            }
            return inFlight;
        }
    }

    /**
     * Reads every region now, all at once (each region is a few calls to its own endpoint, so one after the other
     * they would add up to seconds on a cold start), and waits for them; replaces the snapshot when all answered and
     * no SnapStart restore happened since it started.
     */
    public boolean refresh() {
        int generation;
        synchronized (lock) {
            generation = restores;
        }
        // The snapshot's age counts from when Bedrock was asked, not from when the last region answered.
        Instant started = clock.instant();
        Map<String, CompletableFuture<RegionFetch>> pending = new LinkedHashMap<>();
        try (ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String region : regions) {
                pending.put(region, CompletableFuture.supplyAsync(() -> fetch(region), fetchers));
            }
        } // close() waits for every fetch
        Map<String, RegionCatalog> fetched = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<RegionFetch>> region : pending.entrySet()) {
            switch (region.getValue().join()) {
                case RegionFetch.Fetched(var catalog) -> fetched.put(region.getKey(), catalog);
                case RegionFetch.Failed(var reason) -> {
                    failed(region.getKey(), reason);
                    return false;
                }
            }
        }
        CatalogSnapshot loaded = new CatalogSnapshot(fetched, started);
        synchronized (lock) {
            // Started before a SnapStart restore: what it read may be days old, and a newer refresh is under way.
            if (generation != restores) return false;
            snapshot.set(loaded);
            restored = false;
        }
        lastFailure = null;
        if (failing) {
            failing = false;
            events.recovered(loaded);
        }
        events.loaded(loaded);
        return true;
    }

    private RegionFetch fetch(String region) {
        try {
            return source.fetch(region);
        } catch (RuntimeException e) {
            return new RegionFetch.Failed(e.getClass().getSimpleName());
        }
    }

    private void failed(String region, String reason) {
        lastFailure = clock.instant();
        if (!failing) {
            failing = true;
            events.refreshFailed(region, reason, snapshot.get());
        }
    }

    private CatalogSnapshot trusted() {
        CatalogSnapshot current = snapshot.get();
        if (current == null || restored) return null;
        return current.age(clock.instant()).compareTo(timing.maxAge()) <= 0 ? current : null;
    }
}
