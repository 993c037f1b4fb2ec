package broker.lambda.local;

import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.BudgetOverride;
import broker.lambda.core.budget.BudgetReading;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.usage.UsageLedger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Budgets in the local broker's embedded state store ({@code --state-dir}), beside its usage ledger: overrides and
 * cut-offs as small JSON values in two maps, committed after each write, as {@code DynamoDbBudgetStore} keeps them in
 * the state table. The check's read is the ledger's in-memory spend and one map lookup.
 */
final class EmbeddedBudgetStore implements BudgetStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UsageLedger ledger;
    private final ConcurrentMap<String, String> overrides;
    private final ConcurrentMap<String, String> cutoffs;
    private final Runnable commit;

    /**
     * @param maps   the named string map of the store ({@link EmbeddedStateStore#map}), or a new one in memory: the
     *               budgets' are {@code budget-overrides} (owner key → the override) and {@code budget-cutoffs} (owner
     *               key → the cut-off not yet restored)
     * @param commit makes the writes so far durable
     */
    EmbeddedBudgetStore(UsageLedger ledger, Function<String, ? extends ConcurrentMap<String, String>> maps,
                        Runnable commit) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.overrides = maps.apply("budget-overrides");
        this.cutoffs = maps.apply("budget-cutoffs");
        this.commit = commit;
    }

    @Override
    public BudgetReading read(String ownerKey, LocalDate day) {
        String override = overrides.get(ownerKey);
        return new BudgetReading(ledger.spend(ownerKey, day), override == null ? null : override(override));
    }

    @Override
    public synchronized void putOverride(String ownerKey, BudgetOverride override) {
        ObjectNode node = JSON.createObjectNode();
        override.budget().dailyMicroUsd().ifPresent(cap -> node.put("dailyMicroUsd", cap));
        override.budget().monthlyMicroUsd().ifPresent(cap -> node.put("monthlyMicroUsd", cap));
        override.budget().warnAtPercent().forEach(node.putArray("warnAtPercent")::add);
        node.put("expiresAt", override.expiresAt().toString());
        overrides.put(ownerKey, node.toString());
        commit.run();
    }

    @Override
    public synchronized boolean recordCutoff(BudgetCutoff cutoff) {
        String recorded = cutoffs.get(cutoff.ownerKey());
        if (recorded != null && !cutoff(cutoff.ownerKey(), recorded).resetsAt().isBefore(cutoff.resetsAt())) return false;
        updateCutoff(cutoff);
        return true;
    }

    @Override
    public synchronized void updateCutoff(BudgetCutoff cutoff) {
        ObjectNode node = JSON.createObjectNode();
        node.put("subject", cutoff.subject());
        node.put("period", cutoff.period());
        node.put("cutAt", cutoff.cutAt().toString());
        node.put("resetsAt", cutoff.resetsAt().toString());
        cutoff.keyIds().forEach(node.putArray("keyIds")::add);
        node.put("complete", cutoff.complete());
        cutoffs.put(cutoff.ownerKey(), node.toString());
        commit.run();
    }

    @Override
    public synchronized List<BudgetCutoff> cutoffs() {
        List<BudgetCutoff> all = new ArrayList<>();
        cutoffs.forEach((owner, value) -> all.add(cutoff(owner, value)));
        return all;
    }

    @Override
    public synchronized void removeCutoff(BudgetCutoff cutoff) {
        String recorded = cutoffs.get(cutoff.ownerKey());
        if (recorded != null && cutoff(cutoff.ownerKey(), recorded).resetsAt().equals(cutoff.resetsAt())) {
            cutoffs.remove(cutoff.ownerKey());
            commit.run();
        }
    }

    private static BudgetOverride override(String value) {
        JsonNode node = parse(value);
        List<Integer> thresholds = new ArrayList<>();
        node.path("warnAtPercent").forEach(p -> thresholds.add(p.asInt()));
        return new BudgetOverride(new Budget(optional(node, "dailyMicroUsd"), optional(node, "monthlyMicroUsd"), thresholds),
                Instant.parse(node.path("expiresAt").asText()));
    }

    private static BudgetCutoff cutoff(String owner, String value) {
        JsonNode node = parse(value);
        List<String> keys = new ArrayList<>();
        node.path("keyIds").forEach(k -> keys.add(k.asText()));
        return new BudgetCutoff(owner, node.path("subject").asText(), node.path("period").asText(),
                Instant.parse(node.path("cutAt").asText()), Instant.parse(node.path("resetsAt").asText()), keys,
                node.path("complete").asBoolean(false));
    }

    private static OptionalLong optional(JsonNode node, String name) {
        return node.has(name) ? OptionalLong.of(node.get(name).asLong()) : OptionalLong.empty();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a budget item in the state store is not JSON", e);
        }
    }
}
