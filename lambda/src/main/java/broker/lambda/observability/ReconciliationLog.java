package broker.lambda.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import broker.contract.Telemetry;
import broker.lambda.core.reconcile.ReconcileAction;
import broker.lambda.core.reconcile.ReconcileEvents;
import broker.lambda.core.reconcile.ReconcileReport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Key reconciliation's lines: one audit line (logger {@code broker.audit}, {@code "audit":true}) per key deactivated,
 * user deleted or kept and per failed IAM call, with the IAM user, key id and owner key but never a secret; one summary
 * line per run (logger {@code broker.reconcile}); and EMF metrics: {@code KeysDeactivated}, {@code KeyUsersDeleted},
 * {@code ReconcileFailures}, {@code IamUsers}, {@code IamUsersQuota} and {@value Telemetry#IAM_USER_QUOTA_METRIC}
 * (dimension {@code Function=Reconcile}).
 */
public final class ReconciliationLog implements ReconcileEvents {
    private static final Logger AUDIT = LoggerFactory.getLogger("broker.audit");
    private static final Logger LOG = LoggerFactory.getLogger("broker.reconcile");

    private final Metrics metrics;
    private final Duration inactiveAfter;

    public ReconciliationLog(Metrics metrics, Duration inactiveAfter) {
        this.metrics = metrics;
        this.inactiveAfter = inactiveAfter;
    }

    /** Under the broker's namespace and service name. */
    public static ReconciliationLog forService(Duration inactiveAfter) {
        return new ReconciliationLog(MetricsBuilder.builder().withNamespace(Telemetry.METRICS_NAMESPACE)
                .withService(Telemetry.SERVICE_NAME).build(), inactiveAfter);
    }

    @Override
    public void acted(ReconcileAction action) {
        switch (action) {
            case ReconcileAction.KeyDeactivated(var user, var owner, var keyId, var lastSeen) -> AUDIT.info(
                    "{} {}", "reconcile-key-deactivate", "revoked", entry("audit", true),
                    entry("action", "reconcile-key-deactivate"), entry("outcome", "revoked"), entry("iamUser", user),
                    entry("target", owner), entry("accessKeyId", keyId),
                    entry("lastSeen", lastSeen == null ? null : lastSeen.toString()),
                    entry("inactiveDays", inactiveAfter.toDays()));
            case ReconcileAction.UserDeleted(var user, var owner) -> AUDIT.info("{} {}", "reconcile-user-delete",
                    "revoked", entry("audit", true), entry("action", "reconcile-user-delete"), entry("outcome", "revoked"),
                    entry("iamUser", user), entry("target", owner));
            case ReconcileAction.UserKept(var user, var owner, var reason) -> AUDIT.info("{} {}", "reconcile-user-keep",
                    "kept", entry("audit", true), entry("action", "reconcile-user-keep"), entry("outcome", "kept"),
                    entry("iamUser", user), entry("target", owner), entry("reason", reason));
            case ReconcileAction.Failed(var user, var call, var cause) -> AUDIT.warn("{} {}", "reconcile", "failed",
                    entry("audit", true), entry("action", "reconcile"), entry("outcome", "failed"), entry("iamUser", user),
                    entry("cause", "iam:" + call + ":" + cause));
        }
    }

    @Override
    public void finished(ReconcileReport r) {
        LOG.info("key reconciliation: {} users, {} keys deactivated, {} users deleted, {} failures", r.users(),
                r.keysDeactivated(), r.usersDeleted(), r.failures(), entry("users", r.users()),
                entry("keysDeactivated", r.keysDeactivated()), entry("usersDeleted", r.usersDeleted()),
                entry("usersKept", r.usersKept()), entry("failures", r.failures()),
                entry("accountUsers", r.quota() == null ? null : r.quota().users()),
                entry("accountUsersQuota", r.quota() == null ? null : r.quota().quota()));
        String ns = Telemetry.METRICS_NAMESPACE;
        DimensionSet function = DimensionSet.of("Function", Telemetry.RECONCILE_DIMENSION);
        metrics.flushSingleMetric("KeysDeactivated", r.keysDeactivated(), MetricUnit.COUNT, ns, function);
        metrics.flushSingleMetric("KeyUsersDeleted", r.usersDeleted(), MetricUnit.COUNT, ns, function);
        metrics.flushSingleMetric("ReconcileFailures", r.failures(), MetricUnit.COUNT, ns, function);
        r.quotaIfRead().ifPresent(quota -> {
            metrics.flushSingleMetric("IamUsers", quota.users(), MetricUnit.COUNT, ns, function);
            metrics.flushSingleMetric("IamUsersQuota", quota.quota(), MetricUnit.COUNT, ns, function);
            metrics.flushSingleMetric(Telemetry.IAM_USER_QUOTA_METRIC, quota.percentUsed(), MetricUnit.PERCENT, ns,
                    function);
        });
    }
}
