package broker.lambda.aws;

import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;
import static broker.lambda.core.state.StateTableLayout.SORT_KEY;
import static broker.lambda.core.state.StateTableLayout.TTL_ATTRIBUTE;
import static broker.lambda.aws.DynamoDbItems.key;
import static broker.lambda.aws.DynamoDbItems.n;
import static broker.lambda.aws.DynamoDbItems.s;

import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.LedgerWrite;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.core.usage.UsageTotals;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The usage ledger on the broker's state table ({@code pk}/{@code sk}, TTL on {@code ttl}). Items:
 * <pre>
 * pk                        sk                       what
 * usage#&lt;owner&gt;              &lt;day&gt;#&lt;model&gt;            an owner's usage of one model on one UTC day (TTL 400 days)
 * usage#&lt;owner&gt;              &lt;day&gt;#*                  the owner's day total (a budget check reads it)
 * usage#&lt;owner&gt;              &lt;month&gt;#&lt;model&gt;          an owner's usage of one model in one UTC month
 * usage-month#&lt;month&gt;        &lt;owner&gt;                  the owner's month total, with who they are (a budget check reads
 *                                                    it; the admins' report queries the partition)
 * usage-month#&lt;month&gt;        ~fallback                the models priced by the fallback that month (string set)
 * usage-request#&lt;requestId&gt;  claim                    a counted record, TTL = the exactly-once window
 * </pre>
 * A batch is one {@code TransactWriteItems} (at most 100 items): the claims, conditional on not existing, and the
 * row updates ({@code ADD}), so a redelivery counts nothing twice and a failure counts nothing. SDK errors stop here.
 */
public final class DynamoDbUsageLedger implements UsageLedger {
    /** DynamoDB's limit of actions per transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    static final Duration DAY_ROW_RETENTION = Duration.ofDays(400);
    static final String FALLBACK_SK = "~fallback";
    private static final String COUNTERS = "ADD requests :requests, inputTokens :input, outputTokens :output,"
            + " cacheReadTokens :cacheRead, cacheWriteTokens :cacheWrite, costMicroUsd :cost SET updatedAt = :at";

    private final StateTable table;
    private final Clock clock;

    public DynamoDbUsageLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this(new StateTable(dynamo, table, DynamoDbUsageLedger::call), clock);
    }

    /** On a table the budget store shares. */
    DynamoDbUsageLedger(StateTable table, Clock clock) {
        this.table = table;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int maxItemsPerWrite() {
        return MAX_TRANSACTION_ITEMS;
    }

    @Override
    public Set<String> counted(Collection<String> requestIds) {
        long now = clock.instant().getEpochSecond();
        Set<String> counted = new HashSet<>();
        for (Map<String, AttributeValue> item : table.batchGet("read claims", requestIds.stream().distinct()
                .map(id -> key("usage-request#" + id, "claim")).toList(), true)) {
            // TTL deletion is lazy: an expired claim no longer counts.
            if (!item.containsKey(TTL_ATTRIBUTE) || Long.parseLong(item.get(TTL_ATTRIBUTE).n()) > now) {
                counted.add(item.get(PARTITION_KEY).s().substring("usage-request#".length()));
            }
        }
        return counted;
    }

    @Override
    public LedgerWrite apply(LedgerBatch batch) {
        List<TransactWriteItem> items = transactionItems(batch, clock.instant());
        if (items.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("a batch of " + items.size() + " items, over " + MAX_TRANSACTION_ITEMS);
        }
        try {
            table.dynamo().transactWriteItems(r -> r.transactItems(items));
            return new LedgerWrite.Applied(items.size() - batch.requestIds().size());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            Set<String> taken = new TreeSet<>();
            Set<String> codes = new TreeSet<>();
            for (int i = 0; i < reasons.size(); i++) {
                String code = reasons.get(i).code();
                if (code == null || code.equals("None")) continue;
                if (code.equals("ConditionalCheckFailed") && i < batch.requestIds().size()) {
                    taken.add(batch.requestIds().get(i));
                } else {
                    codes.add(code);
                }
            }
            if (!taken.isEmpty() && codes.isEmpty()) return new LedgerWrite.AlreadyCounted(taken);
            return new LedgerWrite.Unavailable("transaction cancelled: " + (codes.isEmpty() ? "unknown" : String.join(",", codes)));
        } catch (SdkException e) {
            return new LedgerWrite.Unavailable("TransactWriteItems failed: " + e.getClass().getSimpleName());
        }
    }

    /** The actions of one batch's transaction: the claims first (their index tells a conflict's request id). */
    List<TransactWriteItem> transactionItems(LedgerBatch batch, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (String id : batch.requestIds()) items.add(TransactWriteItem.builder().put(claim(id, batch.claimsExpire(), now)).build());
        for (LedgerDelta delta : batch.deltas()) items.add(TransactWriteItem.builder().update(update(delta, batch.at())).build());
        batch.fallbackPriced().forEach((month, models) -> items.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name()).key(key("usage-month#" + month, FALLBACK_SK))
                .updateExpression("ADD models :models")
                .expressionAttributeValues(Map.of(":models", AttributeValue.fromSs(List.copyOf(models))))
                .build()).build()));
        return items;
    }

    Put claim(String requestId, Instant expires, Instant now) {
        return Put.builder().tableName(table.name())
                .item(Map.of(PARTITION_KEY, s("usage-request#" + requestId), SORT_KEY, s("claim"),
                        TTL_ATTRIBUTE, n(expires.getEpochSecond())))
                .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#ttl", TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                .build();
    }

    Update update(LedgerDelta delta, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        UsageTotals t = delta.totals();
        values.put(":requests", n(t.requests()));
        values.put(":input", n(t.inputTokens()));
        values.put(":output", n(t.outputTokens()));
        values.put(":cacheRead", n(t.cacheReadTokens()));
        values.put(":cacheWrite", n(t.cacheWriteTokens()));
        values.put(":cost", n(t.costMicroUsd()));
        values.put(":at", n(at.toEpochMilli()));
        String expression = COUNTERS;
        Map<String, String> names = new HashMap<>();
        boolean total = delta.model().equals(LedgerDelta.ALL_MODELS);
        if (total) {
            Owner owner = delta.owner();
            expression += ", ownerIssuer = :issuer, ownerSubject = :subject, ownerName = :name, ownerGroups = :groups,"
                    + " ownerKind = :kind";
            values.put(":issuer", s(owner.issuer()));
            values.put(":subject", s(owner.subject()));
            values.put(":name", s(owner.userName()));
            values.put(":groups", AttributeValue.fromL(owner.groups().stream().map(AttributeValue::fromS).toList()));
            values.put(":kind", s(owner.kind().name()));
        }
        if (delta.period().kind() == Period.Kind.DAY) {
            expression += ", #ttl = :ttl";
            names.put("#ttl", TTL_ATTRIBUTE);
            values.put(":ttl", n(delta.period().end().plus(DAY_ROW_RETENTION).getEpochSecond()));
        }
        Update.Builder update = Update.builder().tableName(table.name()).key(rowKey(delta.owner().key(), delta.period(), delta.model()))
                .updateExpression(expression).expressionAttributeValues(values);
        if (!names.isEmpty()) update.expressionAttributeNames(names);
        return update.build();
    }

    @Override
    public Spend spend(String ownerKey, LocalDate day) {
        Period dayPeriod = Period.day(day);
        Period monthPeriod = Period.month(YearMonth.from(day));
        Map<String, AttributeValue> dayKey = rowKey(ownerKey, dayPeriod, LedgerDelta.ALL_MODELS);
        Map<String, AttributeValue> monthKey = rowKey(ownerKey, monthPeriod, LedgerDelta.ALL_MODELS);
        OwnerUsage dayUsage = OwnerUsage.empty(dayPeriod);
        OwnerUsage monthUsage = OwnerUsage.empty(monthPeriod);
        for (Map<String, AttributeValue> item : table.batchGet("read spend", List.of(dayKey, monthKey), true)) {
            if (item.get(PARTITION_KEY).equals(dayKey.get(PARTITION_KEY)) && item.get(SORT_KEY).equals(dayKey.get(SORT_KEY))) {
                dayUsage = new OwnerUsage(dayPeriod, totals(item), Map.of(), updatedAt(item));
            } else {
                monthUsage = new OwnerUsage(monthPeriod, totals(item), Map.of(), updatedAt(item));
            }
        }
        return new Spend(dayUsage, monthUsage);
    }

    @Override
    public OwnerUsage usage(String ownerKey, Period period) {
        Map<String, UsageTotals> byModel = new HashMap<>();
        UsageTotals total = null;
        Instant updatedAt = null;
        for (Map<String, AttributeValue> item : table.query("read usage", QueryRequest.builder()
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                .expressionAttributeValues(Map.of(":pk", s("usage#" + ownerKey), ":prefix", s(period.key() + "#")))
                .build())) {
            String model = item.get(SORT_KEY).s().substring(period.key().length() + 1);
            if (model.equals(LedgerDelta.ALL_MODELS)) {
                total = totals(item);
                updatedAt = updatedAt(item);
            } else {
                byModel.put(model, totals(item));
            }
        }
        if (period.kind() == Period.Kind.MONTH) {
            Spend spend = spend(ownerKey, YearMonth.parse(period.key()).atDay(1));
            total = spend.month().updatedAt() == null ? null : spend.month().total();
            updatedAt = spend.month().updatedAt();
        }
        return total == null ? OwnerUsage.empty(period) : new OwnerUsage(period, total, byModel, updatedAt);
    }

    @Override
    public List<OwnerTotals> month(YearMonth month) {
        List<OwnerTotals> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.partition("read month", "usage-month#" + month)) {
            if (item.get(SORT_KEY).s().equals(FALLBACK_SK)) continue;
            rows.add(new OwnerTotals(ownerOf(item), totals(item), updatedAt(item)));
        }
        return rows;
    }

    @Override
    public Set<String> fallbackPriced(YearMonth month) {
        return table.batchGet("read warnings", List.of(key("usage-month#" + month, FALLBACK_SK)), true).stream()
                .filter(item -> item.containsKey("models")).flatMap(item -> item.get("models").ss().stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The key of a ledger row; month totals live in the month's partition, everything else in the owner's. */
    static Map<String, AttributeValue> rowKey(String ownerKey, Period period, String model) {
        if (period.kind() == Period.Kind.MONTH && model.equals(LedgerDelta.ALL_MODELS)) {
            return key("usage-month#" + period.key(), ownerKey);
        }
        return key("usage#" + ownerKey, period.key() + "#" + model);
    }

    static UsageTotals totals(Map<String, AttributeValue> item) {
        return new UsageTotals(num(item, "requests"), num(item, "inputTokens"), num(item, "outputTokens"),
                num(item, "cacheReadTokens"), num(item, "cacheWriteTokens"), num(item, "costMicroUsd"));
    }

    private static Owner ownerOf(Map<String, AttributeValue> item) {
        Owner.Kind kind = Owner.Kind.valueOf(item.get("ownerKind").s());
        if (kind == Owner.Kind.UNATTRIBUTED) return Owner.UNATTRIBUTED;
        return new Owner(item.get("ownerIssuer").s(), item.get("ownerSubject").s(), item.get("ownerName").s(),
                item.get("ownerGroups").l().stream().map(AttributeValue::s).toList(), kind);
    }

    static Instant updatedAt(Map<String, AttributeValue> item) {
        return item.containsKey("updatedAt") ? Instant.ofEpochMilli(Long.parseLong(item.get("updatedAt").n())) : null;
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StateUnavailableException(what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
