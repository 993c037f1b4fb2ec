package broker.lambda.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogSource.RegionFetch;
import broker.lambda.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The catalog's refresh rules with a fake source, a hand-moved clock and hand-run executors: no sleeps. */
class RefreshingModelCatalogTest {
    static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
    static final RefreshingModelCatalog.Timing TIMING = new RefreshingModelCatalog.Timing(
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(3), Duration.ofMinutes(1));
    static final RegionCatalog US_EAST = Catalogs.usRegion("us-east-1").getValue();
    static final RegionCatalog US_WEST = Catalogs.usRegion("us-west-2").getValue();

    final TestClock clock = new TestClock(START);
    final FakeSource source = new FakeSource();
    final RecordingEvents events = new RecordingEvents();

    @Test
    void current_beforeAnyRefresh_loadsEveryRegionOnceAndReturnsTheSnapshot() {
        var catalog = catalog(Runnable::run);

        var snapshot = catalog.current();

        assertThat(snapshot).get().satisfies(s -> {
            assertThat(s.regions()).containsOnlyKeys("us-east-1", "us-west-2");
            assertThat(s.fetchedAt()).isEqualTo(START);
        });
        assertThat(source.calls).containsExactlyInAnyOrder("us-east-1", "us-west-2");
        assertThat(events.loaded).hasSize(1);
    }

    /** Each fetch waits until every region has started: one after the other, the refresh could never finish. */
    @Test
    void refresh_readsEveryRegionAtOnce() {
        var started = new java.util.concurrent.CountDownLatch(REGIONS.size());
        CatalogSource meeting = region -> {
            started.countDown();
            try {
                return started.await(10, java.util.concurrent.TimeUnit.SECONDS)
                        ? source.fetch(region) : new RegionFetch.Failed("the other regions were not read meanwhile");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RegionFetch.Failed("interrupted");
            }
        };
        var catalog = new RefreshingModelCatalog(meeting, REGIONS, clock, TIMING, Runnable::run, events);

        assertThat(catalog.refresh()).isTrue();
        assertThat(catalog.current()).get().satisfies(s -> assertThat(s.regions()).containsOnlyKeys(REGIONS));
    }

    @Test
    void current_withATrustedSnapshot_neverCallsBedrock() {
        var catalog = catalog(Runnable::run);
        catalog.current();
        clock.advance(Duration.ofMinutes(59));

        assertThat(catalog.current()).isPresent();
        assertThat(source.calls).hasSize(2);
    }

    @Test
    void refresh_whenARegionFails_keepsTheLastGoodSnapshot() {
        var catalog = catalog(Runnable::run);
        catalog.refresh();
        clock.advance(Duration.ofMinutes(15));
        source.failNext("us-west-2", "ThrottlingException");

        boolean refreshed = catalog.refresh();

        assertThat(refreshed).isFalse();
        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt).isEqualTo(START);
        assertThat(events.failures).containsExactly("us-west-2: ThrottlingException, kept " + START);
    }

    @Test
    void refresh_whenFailingAgainAndAgain_reportsTheStreakOnceAndTheRecoveryOnce() {
        var catalog = catalog(Runnable::run);
        catalog.refresh();
        source.failAlways("us-east-1", "ServiceUnavailableException");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            catalog.refresh();
        }
        source.recover("us-east-1");
        clock.advance(Duration.ofMinutes(15));

        catalog.refresh();
        catalog.refresh();

        assertThat(events.failures).hasSize(1);
        assertThat(events.recovered).containsExactly(START.plus(Duration.ofMinutes(75)));
        assertThat(events.loaded).hasSize(3);
    }

    @Test
    void current_whenTheSnapshotIsOlderThanMaxAgeAndBedrockFails_returnsEmpty() {
        var catalog = catalog(Runnable::run);
        catalog.refresh();
        source.failAlways("us-east-1", "HTTP500");
        clock.advance(Duration.ofMinutes(61));

        assertThat(catalog.current()).isEmpty();
    }

    @Test
    void current_whenTheSnapshotIsOlderThanMaxAge_refreshesBeforeAnswering() {
        var catalog = catalog(Runnable::run);
        catalog.refresh();
        clock.advance(Duration.ofMinutes(61));

        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt)
                .isEqualTo(START.plus(Duration.ofMinutes(61)));
    }

    @Test
    void current_afterAFailedLoad_doesNotTryAgainUntilRetryAfterFailureHasPassed() {
        var catalog = catalog(Runnable::run);
        source.failAlways("us-east-1", "unreachable");
        catalog.current();
        clock.advance(Duration.ofSeconds(59));

        assertThat(catalog.current()).isEmpty();
        assertThat(source.calls).as("one attempt: every region once").containsExactlyInAnyOrder("us-east-1", "us-west-2");

        source.recover("us-east-1");
        clock.advance(Duration.ofSeconds(1));

        assertThat(catalog.current()).isPresent();
    }

    @Test
    void current_whenTheLoadDoesNotFinishInTime_returnsEmptyAndTheLoadGoesOn() {
        var pending = new PendingExecutor();
        var catalog = new RefreshingModelCatalog(source, REGIONS, clock, new RefreshingModelCatalog.Timing(
                Duration.ofMinutes(15), Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(1)), pending, events);

        assertThat(catalog.current()).isEmpty();
        assertThat(catalog.current()).isEmpty();
        assertThat(pending.tasks).as("one refresh at a time").hasSize(1);

        pending.runAll();

        assertThat(catalog.current()).isPresent();
    }

    /** The snapshot was taken while the init-time load was still reading Bedrock: that load must not count. */
    @Test
    void afterRestore_duringALoadStartedBeforeIt_thatLoadIsNotTrustedAndANewOneDecides() {
        var pending = new PendingExecutor();
        var restoreDuringFetch = new java.util.concurrent.atomic.AtomicBoolean(true);
        var self = new java.util.concurrent.atomic.AtomicReference<RefreshingModelCatalog>();
        CatalogSource restoredMeanwhile = region -> {
            if (restoreDuringFetch.getAndSet(false)) {
                clock.advance(Duration.ofDays(3));
                self.get().afterRestore();
            }
            return source.fetch(region);
        };
        var catalog = new RefreshingModelCatalog(restoredMeanwhile, REGIONS, clock, TIMING, pending, events);
        self.set(catalog);
        catalog.refreshInBackground();

        pending.runAll(); // the load from before the snapshot, answering after the restore

        assertThat(catalog.ifReady()).isEmpty();
        assertThat(pending.tasks).as("the restore's own load").hasSize(1);

        pending.runAll();

        assertThat(catalog.ifReady()).get().extracting(CatalogSnapshot::fetchedAt)
                .isEqualTo(START.plus(Duration.ofDays(3)));
    }

    @Test
    void ifReady_withoutASnapshot_answersEmptyAtOnceAndStartsTheLoad() {
        var pending = new PendingExecutor();
        var catalog = catalog(pending);

        assertThat(catalog.ifReady()).isEmpty();
        assertThat(pending.tasks).as("the load started, not waited for").hasSize(1);
        assertThat(source.calls).isEmpty();

        pending.runAll();

        assertThat(catalog.ifReady()).get().extracting(CatalogSnapshot::fetchedAt).isEqualTo(START);
    }

    @Test
    void ifReady_afterAFailedLoad_startsNoOtherUntilRetryAfterFailureHasPassed() {
        var catalog = catalog(Runnable::run);
        source.failAlways("us-east-1", "unreachable");
        assertThat(catalog.ifReady()).isEmpty();
        int attempts = source.calls.size();
        clock.advance(Duration.ofSeconds(59));

        assertThat(catalog.ifReady()).isEmpty();
        assertThat(source.calls).hasSize(attempts);

        source.recover("us-east-1");
        clock.advance(Duration.ofSeconds(1));
        catalog.ifReady();

        assertThat(catalog.ifReady()).isPresent();
    }

    @Test
    void start_refreshesInTheBackgroundEveryInterval() {
        var scheduler = new ManualScheduler();
        var catalog = catalog(Runnable::run);
        catalog.start(scheduler);
        catalog.refresh();
        clock.advance(Duration.ofMinutes(15));

        scheduler.tick();

        assertThat(scheduler.interval).isEqualTo(Duration.ofMinutes(15));
        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt)
                .isEqualTo(START.plus(Duration.ofMinutes(15)));
        assertThat(source.calls).hasSize(4);
    }

    @Test
    void afterRestore_distrustsTheSnapshotUntilARefreshAfterTheRestoreSucceeds() {
        var pending = new PendingExecutor();
        var catalog = new RefreshingModelCatalog(source, REGIONS, clock, new RefreshingModelCatalog.Timing(
                Duration.ofMinutes(15), Duration.ofHours(1), Duration.ZERO, Duration.ofMinutes(1)), pending, events);
        catalog.refresh();
        clock.advance(Duration.ofMinutes(5));

        catalog.afterRestore();

        assertThat(catalog.current()).as("young, but taken before the restore").isEmpty();
        pending.runAll();
        assertThat(catalog.current()).get().extracting(CatalogSnapshot::fetchedAt)
                .isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void afterRestore_whenTheRefreshFails_staysWithoutSnapshot() {
        var catalog = catalog(Runnable::run);
        catalog.refresh();
        source.failAlways("us-west-2", "unreachable");

        catalog.afterRestore();

        assertThat(catalog.current()).isEmpty();
    }

    @Test
    void refresh_whenTheSourceThrows_countsItAsAFailedRefresh() {
        var catalog = catalog(Runnable::run);
        source.throwFor("us-east-1");

        assertThat(catalog.refresh()).isFalse();
        assertThat(events.failures).containsExactly("us-east-1: IllegalStateException, kept null");
    }

    private RefreshingModelCatalog catalog(Executor executor) {
        return new RefreshingModelCatalog(source, REGIONS, clock, TIMING, executor, events);
    }

    /** Answers each region with its catalog unless told to fail. */
    static final class FakeSource implements CatalogSource {
        final List<String> calls = new ArrayList<>();
        final Map<String, Deque<RegionFetch>> next = new HashMap<>();
        final Map<String, String> always = new HashMap<>();
        final List<String> throwing = new ArrayList<>();

        void failNext(String region, String reason) {
            next.computeIfAbsent(region, r -> new ArrayDeque<>()).add(new RegionFetch.Failed(reason));
        }

        void failAlways(String region, String reason) {
            always.put(region, reason);
        }

        void recover(String region) {
            always.remove(region);
        }

        void throwFor(String region) {
            throwing.add(region);
        }

        @Override
        public synchronized RegionFetch fetch(String region) {
            calls.add(region);
            if (throwing.contains(region)) throw new IllegalStateException("boom");
            Deque<RegionFetch> queued = next.get(region);
            if (queued != null && !queued.isEmpty()) return queued.poll();
            if (always.containsKey(region)) return new RegionFetch.Failed(always.get(region));
            return new RegionFetch.Fetched(region.equals("us-east-1") ? US_EAST : US_WEST);
        }
    }

    static final class RecordingEvents implements CatalogEvents {
        final List<CatalogSnapshot> loaded = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<Instant> recovered = new ArrayList<>();

        @Override
        public void loaded(CatalogSnapshot snapshot) {
            loaded.add(snapshot);
        }

        @Override
        public void refreshFailed(String region, String reason, CatalogSnapshot kept) {
            failures.add(region + ": " + reason + ", kept " + (kept == null ? null : kept.fetchedAt()));
        }

        @Override
        public void recovered(CatalogSnapshot snapshot) {
            recovered.add(snapshot.fetchedAt());
        }
    }

    /** Holds submitted tasks until the test runs them. */
    static final class PendingExecutor implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            List<Runnable> now = List.copyOf(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    static final class ManualScheduler implements CatalogScheduler {
        Duration interval;
        Runnable task;

        @Override
        public void every(Duration interval, Runnable task) {
            this.interval = interval;
            this.task = task;
        }

        void tick() {
            task.run();
        }
    }
}
