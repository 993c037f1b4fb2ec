package broker.lambda.local;

import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.LedgerWrite;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.core.usage.UsageTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The usage ledger of the local broker, on string maps of its embedded state store ({@code --state-dir}): rows, owners,
 * request-id claims and the fallback-priced models, committed once per batch. Rows are also kept in a sorted map in
 * memory (loaded at start) for the per-owner and per-month reads.
 *
 * <p>A batch writes its rows first and its claims last, then commits: a crash of the broker in the middle of a batch
 * can only count that batch again when the file is reread (never lose it), an overstatement on the safe side for
 * budgets. With no directory the store lives in memory.
 */
public final class EmbeddedUsageLedger implements UsageLedger {
    private static final char SEP = '\u0000';

    private final ConcurrentMap<String, String> rows;
    private final ConcurrentMap<String, String> owners;
    private final ConcurrentMap<String, String> claims;
    private final ConcurrentMap<String, String> fallback;
    private final Runnable commit;
    private final Clock clock;
    private final NavigableMap<String, long[]> sorted = new TreeMap<>();

    /**
     * @param maps   the named string map of the store ({@link EmbeddedStateStore#map}), or a new one in memory; the
     *               ledger's are {@code usage-rows} ({@code owner NUL period NUL model} → counters),
     *               {@code usage-owners} (owner key → who they are), {@code usage-claims} (request id → epoch second
     *               the claim expires) and {@code usage-fallback} (month → the fallback-priced models)
     * @param commit makes the writes so far durable
     */
    public EmbeddedUsageLedger(Function<String, ? extends ConcurrentMap<String, String>> maps, Runnable commit,
                               Clock clock) {
        this.rows = maps.apply("usage-rows");
        this.owners = maps.apply("usage-owners");
        this.claims = maps.apply("usage-claims");
        this.fallback = maps.apply("usage-fallback");
        this.commit = commit;
        this.clock = clock;
        rows.forEach((key, value) -> sorted.put(key, decode(value)));
    }

    @Override
    public int maxItemsPerWrite() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized Set<String> counted(Collection<String> requestIds) {
        long now = clock.instant().getEpochSecond();
        Set<String> counted = new HashSet<>();
        for (String id : requestIds) {
            String expires = claims.get(id);
            if (expires != null && Long.parseLong(expires) > now) counted.add(id);
        }
        return counted;
    }

    @Override
    public synchronized LedgerWrite apply(LedgerBatch batch) {
        long now = clock.instant().getEpochSecond();
        Set<String> taken = new TreeSet<>();
        for (String id : batch.requestIds()) {
            String expires = claims.get(id);
            if (expires != null && Long.parseLong(expires) > now) taken.add(id);
        }
        if (!taken.isEmpty()) return new LedgerWrite.AlreadyCounted(taken);
        for (LedgerDelta delta : batch.deltas()) {
            String key = key(delta.owner().key(), delta.period(), delta.model());
            long[] counters = sorted.getOrDefault(key, new long[7]).clone();
            UsageTotals t = delta.totals();
            counters[0] += t.requests();
            counters[1] += t.inputTokens();
            counters[2] += t.outputTokens();
            counters[3] += t.cacheReadTokens();
            counters[4] += t.cacheWriteTokens();
            counters[5] += t.costMicroUsd();
            counters[6] = batch.at().toEpochMilli();
            sorted.put(key, counters);
            rows.put(key, encode(counters));
            if (delta.model().equals(LedgerDelta.ALL_MODELS)) owners.put(delta.owner().key(), encode(delta.owner()));
        }
        batch.fallbackPriced().forEach((month, models) -> {
            Set<String> all = new TreeSet<>(models);
            String known = fallback.get(month.toString());
            if (known != null && !known.isEmpty()) all.addAll(Arrays.asList(known.split("\n")));
            fallback.put(month.toString(), String.join("\n", all));
        });
        String expires = Long.toString(batch.claimsExpire().getEpochSecond());
        for (String id : batch.requestIds()) claims.put(id, expires);
        dropExpiredClaims(now);
        commit.run();
        return new LedgerWrite.Applied(batch.deltas().size());
    }

    @Override
    public synchronized Spend spend(String ownerKey, LocalDate day) {
        Period dayPeriod = Period.day(day);
        Period monthPeriod = Period.month(YearMonth.from(day));
        return new Spend(total(ownerKey, dayPeriod), total(ownerKey, monthPeriod));
    }

    private OwnerUsage total(String ownerKey, Period period) {
        long[] counters = sorted.get(key(ownerKey, period, LedgerDelta.ALL_MODELS));
        return counters == null ? OwnerUsage.empty(period)
                : new OwnerUsage(period, totals(counters), Map.of(), Instant.ofEpochMilli(counters[6]));
    }

    @Override
    public synchronized OwnerUsage usage(String ownerKey, Period period) {
        String prefix = ownerKey + SEP + period.kind() + SEP + period.key() + SEP;
        Map<String, UsageTotals> byModel = new HashMap<>();
        long[] total = null;
        for (Map.Entry<String, long[]> row : sorted.subMap(prefix, prefix + '\uffff').entrySet()) {
            String model = row.getKey().substring(prefix.length());
            if (model.equals(LedgerDelta.ALL_MODELS)) total = row.getValue();
            else byModel.put(model, totals(row.getValue()));
        }
        return total == null ? OwnerUsage.empty(period)
                : new OwnerUsage(period, totals(total), byModel, Instant.ofEpochMilli(total[6]));
    }

    @Override
    public synchronized List<OwnerTotals> month(YearMonth month) {
        String suffix = SEP + Period.Kind.MONTH.toString() + SEP + month + SEP + LedgerDelta.ALL_MODELS;
        List<OwnerTotals> result = new ArrayList<>();
        sorted.forEach((key, counters) -> {
            if (key.endsWith(suffix)) {
                String ownerKey = key.substring(0, key.length() - suffix.length());
                result.add(new OwnerTotals(decodeOwner(ownerKey), totals(counters), Instant.ofEpochMilli(counters[6])));
            }
        });
        return result;
    }

    @Override
    public synchronized Set<String> fallbackPriced(YearMonth month) {
        String known = fallback.get(month.toString());
        return known == null || known.isEmpty() ? Set.of() : Set.of(known.split("\n"));
    }

    private void dropExpiredClaims(long now) {
        // Cheap enough once in a while: a claim map of a busy fortnight holds a few million short entries.
        if (claims.size() < 1_000_000 || now % 60 != 0) return;
        claims.entrySet().removeIf(e -> Long.parseLong(e.getValue()) <= now);
    }

    private Owner decodeOwner(String ownerKey) {
        if (ownerKey.equals(Owner.UNATTRIBUTED_KEY)) return Owner.UNATTRIBUTED;
        String[] parts = owners.getOrDefault(ownerKey, "").split(String.valueOf(SEP), -1);
        if (parts.length < 5) {
            PrincipalId principal = PrincipalId.parse(ownerKey);
            return new Owner(principal.issuer(), principal.subject(), principal.subject(), List.of(), Owner.Kind.PERSON);
        }
        List<String> groups = parts[3].isEmpty() ? List.of() : List.of(parts[3].split("\n"));
        return new Owner(parts[0], parts[1], parts[2], groups, Owner.Kind.valueOf(parts[4]));
    }

    private static String encode(Owner owner) {
        return String.join(String.valueOf(SEP), owner.issuer(), owner.subject(), owner.userName(),
                String.join("\n", owner.groups()), owner.kind().name());
    }

    private static String key(String ownerKey, Period period, String model) {
        return ownerKey + SEP + period.kind() + SEP + period.key() + SEP + model;
    }

    private static String encode(long[] counters) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < counters.length; i++) {
            if (i > 0) out.append(',');
            out.append(counters[i]);
        }
        return out.toString();
    }

    private static long[] decode(String value) {
        String[] parts = value.split(",");
        long[] counters = new long[7];
        for (int i = 0; i < Math.min(parts.length, 7); i++) counters[i] = Long.parseLong(parts[i]);
        return counters;
    }

    private static UsageTotals totals(long[] c) {
        return new UsageTotals(c[0], c[1], c[2], c[3], c[4], c[5]);
    }
}
