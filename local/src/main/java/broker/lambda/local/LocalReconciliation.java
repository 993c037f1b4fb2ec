package broker.lambda.local;

import broker.lambda.aws.AwsClients;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamKeyUserMaintenance;
import broker.lambda.core.reconcile.KeyReconciliation;
import broker.lambda.core.reconcile.ReconcileResult;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.observability.ReconciliationLog;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * The local broker's key reconciliation ({@code --key-inactive-days}): the reconcile function's core on the same IAM
 * ({@code --iam-endpoint}) and the embedded state store's people, run once at start and then every
 * {@link #INTERVAL}, as the stack's daily schedule does. Each run's audit lines go to the broker's JSON log and a
 * one-line summary to the server log.
 */
final class LocalReconciliation implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofDays(1);
    private static final LocalReconciliation OFF = new LocalReconciliation(null);

    private final ScheduledExecutorService schedule;

    private LocalReconciliation(ScheduledExecutorService schedule) {
        this.schedule = schedule;
    }

    /**
     * Starts the schedule when {@code inactiveAfter} is set and the API-key routes are on (they need a permissions
     * boundary; without them the broker makes no key users); otherwise does nothing.
     */
    static LocalReconciliation start(BrokerConfig config, Duration inactiveAfter, AwsCredentialsProvider credentials,
                                     PersonDirectory people, PrintStream log) {
        if (inactiveAfter == null || config.permissionsBoundaryArn() == null) return OFF;
        IamClient iam = AwsClients.client(IamClient.builder(),
                AwsClients.Connection.of(config.region(), config.iamEndpoint(), credentials));
        KeyReconciliation reconciliation = KeysWiring.keyReconciliation(config, new IamApiKeys(iam),
                new IamKeyUserMaintenance(iam), people, inactiveAfter, new ReconciliationLog(MetricsBuilder.builder()
                        .withNamespace(broker.contract.Telemetry.METRICS_NAMESPACE)
                        .withService(broker.contract.Telemetry.SERVICE_NAME).build(), inactiveAfter),
                Clock.systemUTC());
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "key-reconciliation");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> log.println(summary(reconciliation.run())), 0, INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return new LocalReconciliation(schedule);
    }

    static String summary(ReconcileResult result) {
        return switch (result) {
            case ReconcileResult.Done(var r) -> "key reconciliation: " + r.users() + " key users, " + r.keysDeactivated()
                    + " keys deactivated, " + r.usersDeleted() + " users deleted, " + r.failures() + " failures";
            case ReconcileResult.Stopped(var reason, var r) -> "warning: key reconciliation stopped: " + reason;
        };
    }

    @Override
    public void close() {
        if (schedule != null) schedule.shutdownNow();
    }
}
