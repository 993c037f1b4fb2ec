package broker.lambda.core.usage;

import broker.lambda.core.pricing.ModelUse;
import broker.lambda.core.pricing.PriceTable;
import broker.lambda.core.pricing.Pricing;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts delivered invocation log records into the ledger exactly once: parse (skipping malformed records), drop
 * request ids already counted, price, attribute, aggregate to one delta per (owner, period, model), and write the
 * deltas together with the request-id claims in one atomic ledger write.
 */
public final class UsageIngestion {
    /** Claims are kept this long by default: longer than any redelivery by CloudWatch Logs or S3 readers. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    private static final int MAX_ATTEMPTS = 3;

    private final InvocationLogParser parser = new InvocationLogParser();
    private final PriceTable prices;
    private final Attributor attributor;
    private final UsageLedger ledger;
    private final IngestionEvents events;
    private final Clock clock;
    private final Duration window;
    /** Few distinct models and regions appear: their parsing and pricing are remembered (bounded). */
    private final Map<String, ModelUse> uses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Pricing> pricings = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 10_000;

    /**
     * @param window how long request-id claims are kept; records older than this are refused (a redelivery after
     *               the claim expired would otherwise count twice)
     */
    public UsageIngestion(PriceTable prices, Attributor attributor, UsageLedger ledger, IngestionEvents events,
                          Clock clock, Duration window) {
        this.prices = prices;
        this.attributor = attributor;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.window = window;
    }

    /** Counts a batch of records as delivered (each a JSON text). */
    public IngestionResult ingest(List<String> records) {
        List<RecordReading> readings = new ArrayList<>(records.size());
        for (String text : records) readings.add(parser.read(text));
        return ingestReadings(readings);
    }

    /** Counts a batch of already parsed records (the local reader parses as it reads lines). */
    public IngestionResult ingestReadings(List<RecordReading> readings) {
        Instant now = clock.instant();
        int skipped = 0;
        int duplicates = 0;
        int stale = 0;
        Map<String, InvocationRecord> unique = new LinkedHashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            switch (readings.get(i)) {
                case RecordReading.Skipped skip -> {
                    skipped++;
                    events.skipped(i, skip);
                }
                case RecordReading.Read(var record) -> {
                    if (record.timestamp().isBefore(now.minus(window))) {
                        stale++;
                    } else if (unique.putIfAbsent(record.requestId(), record) != null) {
                        duplicates++;
                    }
                }
            }
        }
        Set<String> counted = unique.isEmpty() ? Set.of() : ledger.counted(unique.keySet());
        duplicates += counted.size();
        List<InvocationRecord> fresh = unique.values().stream()
                .filter(r -> !counted.contains(r.requestId())).toList();
        Map<String, Owner> owners;
        try {
            owners = fresh.isEmpty() ? Map.of()
                    : attributor.ownersOf(fresh.stream().map(InvocationRecord::identityArn).toList());
        } catch (StateUnavailableException e) {
            // Never charge a person's record to "unattributed" because their record could not be read now.
            return new IngestionResult.LedgerUnavailable("attribution: " + e.getMessage());
        }
        Tally total = new Tally();
        int countedNow = 0;
        int writes = 0;
        List<List<InvocationRecord>> chunks = fresh.isEmpty() ? List.of()
                : ledger.maxItemsPerWrite() == Integer.MAX_VALUE ? List.of(fresh)
                : chunks(fresh, owners, ledger.maxItemsPerWrite());
        for (List<InvocationRecord> chunk : chunks) {
            List<InvocationRecord> pending = chunk;
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Tally tally = tally(pending, owners, now);
                LedgerWrite write = ledger.apply(new LedgerBatch(
                        pending.stream().map(InvocationRecord::requestId).toList(), now.plus(window), tally.deltas(),
                        now, tally.fallbackByMonth));
                switch (write) {
                    case LedgerWrite.Applied(var made) -> {
                        total.include(tally);
                        countedNow += pending.size();
                        writes += made;
                        pending = List.of();
                    }
                    case LedgerWrite.AlreadyCounted(var taken) -> {
                        if (attempt >= MAX_ATTEMPTS) {
                            return new IngestionResult.LedgerUnavailable("request ids kept being claimed concurrently");
                        }
                        Set<String> claimed = ledger.counted(pending.stream().map(InvocationRecord::requestId).toList());
                        duplicates += claimed.size();
                        pending = pending.stream().filter(r -> !claimed.contains(r.requestId())).toList();
                    }
                    case LedgerWrite.Unavailable(var reason) -> {
                        return new IngestionResult.LedgerUnavailable(reason);
                    }
                }
            }
        }
        return ingested(readings.size(), countedNow, skipped, duplicates, stale, total, writes);
    }

    /**
     * Splits the records into atomic writes of at most {@code maxItems} items (claims plus rows, plus one warnings
     * item per month), keeping each owner's records together so that each owner's rows are written once where the
     * limit allows.
     */
    private List<List<InvocationRecord>> chunks(List<InvocationRecord> records, Map<String, Owner> owners,
                                                       int maxItems) {
        List<InvocationRecord> byOwner = new ArrayList<>(records);
        byOwner.sort(java.util.Comparator.comparing(r -> owners.getOrDefault(r.identityArn(), Owner.UNATTRIBUTED).key()));
        List<List<InvocationRecord>> chunks = new ArrayList<>();
        List<InvocationRecord> chunk = new ArrayList<>();
        Set<List<Object>> keys = new HashSet<>();
        for (InvocationRecord record : byOwner) {
            String owner = owners.getOrDefault(record.identityArn(), Owner.UNATTRIBUTED).key();
            String model = use(record.modelId()).model();
            List<List<Object>> recordKeys = new ArrayList<>();
            for (Period period : List.of(Period.dayOf(record.timestamp()), Period.monthOf(record.timestamp()))) {
                recordKeys.add(List.of(owner, period, model));
                recordKeys.add(List.of(owner, period, LedgerDelta.ALL_MODELS));
                recordKeys.add(List.of("warnings", period.kind() == Period.Kind.MONTH ? period : ""));
            }
            long added = recordKeys.stream().filter(k -> !keys.contains(k)).distinct().count();
            if (!chunk.isEmpty() && chunk.size() + 1 + keys.size() + added > maxItems) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                keys.clear();
            }
            chunk.add(record);
            keys.addAll(recordKeys);
        }
        if (!chunk.isEmpty()) chunks.add(chunk);
        return chunks;
    }

    private IngestionResult ingested(int received, int counted, int skipped, int duplicates, int stale, Tally tally,
                                     int writes) {
        IngestionReport report = new IngestionReport(received, counted, skipped, duplicates, stale,
                tally.unattributed, tally.cost, writes, tally.maxLag, tally.fallbackModels);
        events.ingested(report);
        if (!tally.costByOwner.isEmpty()) events.charged(tally.costByOwner);
        return new IngestionResult.Ingested(report);
    }

    private Tally tally(List<InvocationRecord> records, Map<String, Owner> owners, Instant now) {
        Tally tally = new Tally();
        for (InvocationRecord record : records) {
            ModelUse use = use(record.modelId());
            Pricing pricing = pricing(use, record.region());
            long cost = pricing.price().costMicroUsd(record.inputTokens(), record.outputTokens(),
                    record.cacheReadTokens(), record.cacheWriteTokens());
            if (pricing instanceof Pricing.Fallback) {
                tally.fallbackModels.add(use.model());
                tally.fallbackByMonth.computeIfAbsent(YearMonth.from(record.timestamp().atZone(ZoneOffset.UTC)),
                        m -> new TreeSet<>()).add(use.model());
            }
            Owner owner = owners.getOrDefault(record.identityArn(), Owner.UNATTRIBUTED);
            if (owner.kind() == Owner.Kind.UNATTRIBUTED) tally.unattributed++;
            UsageTotals usage = UsageTotals.of(record, cost);
            for (Period period : tally.periods(record.timestamp())) {
                tally.add(owner, period, use.model(), usage);
                tally.add(owner, period, LedgerDelta.ALL_MODELS, usage);
            }
            tally.cost += cost;
            tally.costByOwner.merge(owner, cost, Long::sum);
            Duration lag = Duration.between(record.timestamp(), now);
            if (lag.compareTo(tally.maxLag) > 0) tally.maxLag = lag;
        }
        return tally;
    }

    private ModelUse use(String modelId) {
        if (uses.size() > MAX_REMEMBERED) uses.clear();
        return uses.computeIfAbsent(modelId, ModelUse::of);
    }

    private Pricing pricing(ModelUse use, String region) {
        if (pricings.size() > MAX_REMEMBERED) pricings.clear();
        return pricings.computeIfAbsent(use.logged() + "\u0000" + region, key -> prices.priceFor(use, region));
    }

    /** The aggregation of one batch. */
    private static final class Tally {
        private record Key(String owner, Period period, String model) {}

        final Map<Key, UsageTotals> totals = new LinkedHashMap<>();
        final Map<String, Owner> owners = new HashMap<>();
        final Set<String> fallbackModels = new HashSet<>();
        final Map<YearMonth, Set<String>> fallbackByMonth = new HashMap<>();
        final Map<Owner, Long> costByOwner = new LinkedHashMap<>();
        int unattributed;
        long cost;
        Duration maxLag = Duration.ZERO;

        private final Map<Long, List<Period>> periodsByDay = new HashMap<>();

        /** The record's UTC day and month (the same few per batch: remembered). */
        List<Period> periods(Instant timestamp) {
            return periodsByDay.computeIfAbsent(Math.floorDiv(timestamp.getEpochSecond(), 86_400L),
                    day -> List.of(Period.dayOf(timestamp), Period.monthOf(timestamp)));
        }

        void include(Tally other) {
            unattributed += other.unattributed;
            cost += other.cost;
            other.costByOwner.forEach((owner, c) -> costByOwner.merge(owner, c, Long::sum));
            fallbackModels.addAll(other.fallbackModels);
            if (other.maxLag.compareTo(maxLag) > 0) maxLag = other.maxLag;
        }

        void add(Owner owner, Period period, String model, UsageTotals usage) {
            owners.putIfAbsent(owner.key(), owner);
            totals.merge(new Key(owner.key(), period, model), usage, UsageTotals::plus);
        }

        List<LedgerDelta> deltas() {
            List<LedgerDelta> deltas = new ArrayList<>(totals.size());
            totals.forEach((key, usage) -> deltas.add(
                    new LedgerDelta(owners.get(key.owner()), key.period(), key.model(), usage)));
            return deltas;
        }
    }
}
