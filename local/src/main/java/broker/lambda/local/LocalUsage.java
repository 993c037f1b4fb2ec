package broker.lambda.local;

import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.budget.cutoff.CrossingWatch;
import broker.lambda.core.usage.IngestionEvents;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import java.util.concurrent.ConcurrentMap;

/**
 * Usage in the local broker: the usage function's routes over the embedded ledger, and, with
 * {@code --invocation-log}, the follower that counts the log's records into it.
 */
final class LocalUsage implements AutoCloseable {
    /** How often the invocation log is checked for new lines: well inside the 5 s lag target. */
    static final Duration POLL = Duration.ofMillis(200);
    /** How often budget cut-offs whose period reset get their keys back (the stack's schedule: 15 minutes). */
    static final Duration RESTORE_POLL = Duration.ofMinutes(1);

    private final UsageHandler handler;
    private final InvocationLogFollower follower;
    private final BudgetStore budgets;
    private final BudgetEnforcer enforcer;
    private ScheduledExecutorService restorer;

    private LocalUsage(UsageHandler handler, InvocationLogFollower follower, BudgetStore budgets, BudgetEnforcer enforcer) {
        this.handler = handler;
        this.follower = follower;
        this.budgets = budgets;
        this.enforcer = enforcer;
    }

    /**
     * @param invocationLog the {@code --invocation-log} file or directory, or null for none
     * @param sessions      whose session a RoleSessionName is (the broker's issuance records)
     * @param keys          whose key user an IAM user is
     * @param store         the broker's embedded state store, or null for a ledger in memory
     */
    static LocalUsage create(BrokerConfig config, Path invocationLog, SessionOwners sessions, KeyOwners keys,
                             PrintStream log, Clock clock, EmbeddedStateStore store) {
        return create(config, invocationLog, sessions, keys, log, clock, store, null);
    }

    /**
     * The same, with the budget cut-off after each ingested batch and the restore every {@link #RESTORE_POLL}, by the
     * enforcer {@code enforcement} makes over the budget store (null: no cut-off).
     */
    static LocalUsage create(BrokerConfig config, Path invocationLog, SessionOwners sessions, KeyOwners keys,
                             PrintStream log, Clock clock, EmbeddedStateStore store,
                             Function<BudgetStore, BudgetEnforcer> enforcement) {
        // In the broker's state file (--state-dir) beside revocations and issuance records; in memory without one.
        Function<String, ? extends ConcurrentMap<String, String>> maps = store == null
                ? name -> new ConcurrentHashMap<>() : store::map;
        Runnable commit = store == null ? () -> { } : store::commit;
        UsageLedger ledger = new EmbeddedUsageLedger(maps, commit, clock);
        // Overrides and cut-offs beside the ledger, in the same file.
        BudgetStore budgets = new EmbeddedBudgetStore(ledger, maps, commit);
        UsageHandler handler = new UsageHandler(FunctionParts.local(
                UsageWiring.usageRoutes(config, ledger, broker.lambda.observability.PowertoolsAuditLog.forService(), clock,
                        budgets)::handle));
        BudgetEnforcer enforcer = enforcement == null ? null : enforcement.apply(budgets);
        InvocationLogFollower follower = null;
        if (invocationLog != null) {
            IngestionEvents events = UsageIngestionLog.forService();
            UsageIngestion ingestion = UsageWiring.usageIngestion(config, Map.of(), ledger, sessions, keys,
                    enforcer == null ? events : new CrossingWatch(events, enforcer), clock);
            follower = new InvocationLogFollower(invocationLog, ingestion, POLL, log::println);
        }
        return new LocalUsage(handler, follower, budgets, enforcer);
    }

    UsageHandler handler() {
        return handler;
    }

    /** The budgets over this ledger: what the issuance routes check. */
    BudgetStore budgets() {
        return budgets;
    }

    /** Reads the invocation log (if any) and follows it; restores budget cut-offs due, now and every minute. */
    void start() {
        if (follower != null) follower.start();
        if (enforcer != null) {
            restorer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread daemon = new Thread(task, "budget-restore");
                daemon.setDaemon(true);
                return daemon;
            });
            restorer.scheduleWithFixedDelay(enforcer::restoreDue, 0, RESTORE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The cut-off and restore, or null when off (tests run the restore themselves). */
    BudgetEnforcer enforcer() {
        return enforcer;
    }

    @Override
    public void close() {
        if (restorer != null) restorer.shutdownNow();
        if (follower != null) follower.close();
    }
}
