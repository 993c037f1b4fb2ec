package broker.lambda.local;

import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.usage.KeyOwners;
import broker.lambda.core.usage.SessionOwners;
import broker.lambda.core.usage.UsageIngestion;
import broker.lambda.core.usage.UsageLedger;
import broker.lambda.handler.FunctionParts;
import broker.lambda.handler.UsageHandler;
import broker.lambda.observability.UsageIngestionLog;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.UsageWiring;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage in the local broker: the usage function's routes over the embedded ledger, and, with
 * {@code --invocation-log}, the follower that counts the log's records into it.
 */
final class LocalUsage implements AutoCloseable {
    /** How often the invocation log is checked for new lines: well inside the 5 s lag target. */
    static final Duration POLL = Duration.ofMillis(200);

    private final UsageHandler handler;
    private final InvocationLogFollower follower;
    private final BudgetStore budgets;

    private LocalUsage(UsageHandler handler, InvocationLogFollower follower, BudgetStore budgets) {
        this.handler = handler;
        this.follower = follower;
        this.budgets = budgets;
    }

    /**
     * @param invocationLog the {@code --invocation-log} file or directory, or null for none
     * @param sessions      whose session a RoleSessionName is (the broker's issuance records)
     * @param keys          whose key user an IAM user is
     * @param store         the broker's embedded state store, or null for a ledger in memory
     */
    static LocalUsage create(BrokerConfig config, Path invocationLog, SessionOwners sessions, KeyOwners keys,
                             PrintStream log, Clock clock, EmbeddedStateStore store) {
        // In the broker's state file (--state-dir) beside revocations and issuance records; in memory without one.
        UsageLedger ledger = store == null
                ? new EmbeddedUsageLedger(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                        new ConcurrentHashMap<>(), () -> { }, clock)
                : new EmbeddedUsageLedger(store.map("usage-rows"), store.map("usage-owners"), store.map("usage-claims"),
                        store.map("usage-fallback"), store::commit, clock);
        // Overrides and cut-offs beside the ledger, in the same file.
        BudgetStore budgets = store == null
                ? new EmbeddedBudgetStore(ledger, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), () -> { })
                : new EmbeddedBudgetStore(ledger, store.map("budget-overrides"), store.map("budget-cutoffs"), store::commit);
        UsageHandler handler = new UsageHandler(FunctionParts.local(
                UsageWiring.usageRoutes(config, ledger, broker.lambda.observability.PowertoolsAuditLog.forService(), clock)::handle));
        InvocationLogFollower follower = null;
        if (invocationLog != null) {
            UsageIngestion ingestion = UsageWiring.usageIngestion(config, Map.of(), ledger, sessions, keys,
                    UsageIngestionLog.forService(), clock);
            follower = new InvocationLogFollower(invocationLog, ingestion, POLL, log::println);
        }
        return new LocalUsage(handler, follower, budgets);
    }

    UsageHandler handler() {
        return handler;
    }

    /** The budgets over this ledger: what the issuance routes check. */
    BudgetStore budgets() {
        return budgets;
    }

    /** Reads the invocation log (if any) and follows it. */
    void start() {
        if (follower != null) follower.start();
    }

    @Override
    public void close() {
        if (follower != null) follower.close();
    }
}
