package broker.lambda.aws;

import static broker.lambda.core.state.StateTableLayout.PARTITION_KEY;
import static broker.lambda.core.state.StateTableLayout.SORT_KEY;
import static broker.lambda.core.state.StateTableLayout.TTL_ATTRIBUTE;
import static broker.lambda.aws.DynamoDbItems.n;

import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.BudgetOverride;
import broker.lambda.core.budget.BudgetReading;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.Spend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Budgets on the broker's state table, beside the usage ledger ({@link DynamoDbUsageLedger}). Items:
 * <pre>
 * pk                 sk          what
 * budget#&lt;owner&gt;     override    an admin's override of one person's budget (TTL: a day after it expires)
 * budget-cutoff      &lt;owner&gt;     a person cut off on crossing a cap, until the restore function reactivates their keys
 * </pre>
 * The check's read is one {@code BatchGetItem} of three items: the owner's day and month total rows and the override.
 * SDK errors stop here ({@link broker.lambda.core.state.StateUnavailableException}).
 */
public final class DynamoDbBudgetStore implements BudgetStore {
    static final String OVERRIDE_SK = "override";
    static final String CUTOFF_PK = "budget-cutoff";
    /** An expired override stays readable a day (for the admins' view), then DynamoDB may delete it. */
    static final Duration OVERRIDE_RETENTION = Duration.ofDays(1);

    private final StateTable table;

    public DynamoDbBudgetStore(DynamoDbClient dynamo, String table) {
        this.table = new StateTable(dynamo, table, DynamoDbUsageLedger::call);
    }

    /**
     * The same store: it decides nothing by time, so the clock is not used (kept for the callers that still pass one,
     * in {@code snapstart} and {@code bench}).
     */
    public DynamoDbBudgetStore(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table);
    }

    @Override
    public BudgetReading read(String ownerKey, LocalDate day) {
        Period dayPeriod = Period.day(day);
        Period monthPeriod = Period.month(YearMonth.from(day));
        Map<String, AttributeValue> dayKey = DynamoDbUsageLedger.rowKey(ownerKey, dayPeriod, LedgerDelta.ALL_MODELS);
        Map<String, AttributeValue> monthKey = DynamoDbUsageLedger.rowKey(ownerKey, monthPeriod, LedgerDelta.ALL_MODELS);
        Map<String, AttributeValue> overrideKey = overrideKey(ownerKey);
        OwnerUsage dayUsage = OwnerUsage.empty(dayPeriod);
        OwnerUsage monthUsage = OwnerUsage.empty(monthPeriod);
        BudgetOverride override = null;
        for (Map<String, AttributeValue> item : table.batchGet("read budget", List.of(dayKey, monthKey, overrideKey), true)) {
            if (same(item, overrideKey)) {
                override = override(item);
            } else if (same(item, dayKey)) {
                dayUsage = new OwnerUsage(dayPeriod, DynamoDbUsageLedger.totals(item), Map.of(),
                        DynamoDbUsageLedger.updatedAt(item));
            } else {
                monthUsage = new OwnerUsage(monthPeriod, DynamoDbUsageLedger.totals(item), Map.of(),
                        DynamoDbUsageLedger.updatedAt(item));
            }
        }
        return new BudgetReading(new Spend(dayUsage, monthUsage), override);
    }

    @Override
    public void putOverride(String ownerKey, BudgetOverride override) {
        Map<String, AttributeValue> item = new HashMap<>(overrideKey(ownerKey));
        Budget budget = override.budget();
        budget.dailyMicroUsd().ifPresent(cap -> item.put("dailyMicroUsd", n(cap)));
        budget.monthlyMicroUsd().ifPresent(cap -> item.put("monthlyMicroUsd", n(cap)));
        item.put("warnAtPercent", AttributeValue.fromL(budget.warnAtPercent().stream().map(p -> n(p)).toList()));
        item.put("expiresAt", n(override.expiresAt().toEpochMilli()));
        item.put(TTL_ATTRIBUTE, n(override.expiresAt().plus(OVERRIDE_RETENTION).getEpochSecond()));
        table.put("write override", r -> r.item(item));
    }

    @Override
    public boolean recordCutoff(BudgetCutoff cutoff) {
        try {
            table.put("record cut-off", r -> r.item(item(cutoff))
                    .conditionExpression("attribute_not_exists(#pk) OR resetsAt < :resetsAt")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY))
                    .expressionAttributeValues(Map.of(":resetsAt", n(cutoff.resetsAt().toEpochMilli()))));
            return true;
        } catch (StateUnavailableException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) return false;
            throw e;
        }
    }

    @Override
    public void updateCutoff(BudgetCutoff cutoff) {
        table.put("update cut-off", r -> r.item(item(cutoff)));
    }

    @Override
    public List<BudgetCutoff> cutoffs() {
        List<BudgetCutoff> cutoffs = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.partition("read cut-offs", CUTOFF_PK)) {
            cutoffs.add(new BudgetCutoff(item.get(SORT_KEY).s(), item.get("subject").s(), item.get("period").s(),
                    Instant.ofEpochMilli(Long.parseLong(item.get("cutAt").n())),
                    Instant.ofEpochMilli(Long.parseLong(item.get("resetsAt").n())),
                    item.containsKey("keyIds") ? item.get("keyIds").l().stream().map(AttributeValue::s).toList() : List.of(),
                    item.containsKey("complete") && Boolean.TRUE.equals(item.get("complete").bool())));
        }
        return cutoffs;
    }

    @Override
    public void removeCutoff(BudgetCutoff cutoff) {
        try {
            table.delete("remove cut-off", r -> r
                    .key(DynamoDbItems.key(CUTOFF_PK, cutoff.ownerKey()))
                    .conditionExpression("resetsAt = :resetsAt")
                    .expressionAttributeValues(Map.of(":resetsAt", n(cutoff.resetsAt().toEpochMilli()))));
        } catch (StateUnavailableException e) {
            // A newer cut-off replaced it: that one stays until its own reset.
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) throw e;
        }
    }

    private static Map<String, AttributeValue> item(BudgetCutoff cutoff) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoDbItems.key(CUTOFF_PK, cutoff.ownerKey()));
        item.put("subject", AttributeValue.fromS(cutoff.subject()));
        item.put("period", AttributeValue.fromS(cutoff.period()));
        item.put("cutAt", n(cutoff.cutAt().toEpochMilli()));
        item.put("resetsAt", n(cutoff.resetsAt().toEpochMilli()));
        item.put("keyIds", AttributeValue.fromL(cutoff.keyIds().stream().map(AttributeValue::fromS).toList()));
        item.put("complete", AttributeValue.fromBool(cutoff.complete()));
        return item;
    }

    private static Map<String, AttributeValue> overrideKey(String ownerKey) {
        return DynamoDbItems.key("budget#" + ownerKey, OVERRIDE_SK);
    }

    private static BudgetOverride override(Map<String, AttributeValue> item) {
        Budget budget = new Budget(optional(item, "dailyMicroUsd"), optional(item, "monthlyMicroUsd"),
                item.get("warnAtPercent").l().stream().map(v -> Integer.parseInt(v.n())).toList());
        return new BudgetOverride(budget, Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n())));
    }

    private static OptionalLong optional(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? OptionalLong.of(Long.parseLong(item.get(name).n())) : OptionalLong.empty();
    }

    private static boolean same(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        return item.get(PARTITION_KEY).equals(key.get(PARTITION_KEY)) && item.get(SORT_KEY).equals(key.get(SORT_KEY));
    }
}
