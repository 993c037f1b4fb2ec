package broker.lambda.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import broker.contract.Telemetry;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Audit lines as structured JSON through Powertools logging (logger {@code broker.audit}), and the
 * matching CloudWatch EMF metrics: {@code Issued} and {@code Revoked} by action, {@code Refused} by reason, upstream latency.
 */
public final class PowertoolsAuditLog implements AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("broker.audit");
    /** Namespace of the priming metrics, which are dropped anyway (see {@link PrimingMetrics}). */
    static final String PRIMING_NAMESPACE = "BedrockBrokerPriming";
    static final String PRIMING_MESSAGE = "SnapStart priming, not a real request: {} {}";

    private final Metrics metrics;
    private final String namespace;
    private final boolean priming;

    public PowertoolsAuditLog(Metrics metrics, String namespace) {
        this(metrics, namespace, false);
    }

    private PowertoolsAuditLog(Metrics metrics, String namespace, boolean priming) {
        this.metrics = metrics;
        this.namespace = namespace;
        this.priming = priming;
    }

    /** The functions' audit log: EMF metrics under the broker's namespace and service name. */
    public static PowertoolsAuditLog forService() {
        return new PowertoolsAuditLog(MetricsBuilder.builder().withNamespace(Telemetry.METRICS_NAMESPACE)
                .withService(Telemetry.SERVICE_NAME).build(), Telemetry.METRICS_NAMESPACE);
    }

    /**
     * The audit log of SnapStart priming: the same code path, but its lines say {@code "audit":false,
     * "priming":true} with a message naming priming (operators count {@code "audit":true} lines), and its metrics are
     * dropped, so that nothing done before the snapshot can be mistaken for an issuance.
     */
    public static PowertoolsAuditLog forPriming() {
        return new PowertoolsAuditLog(PrimingMetrics.discarding(), PRIMING_NAMESPACE, true);
    }

    @Override
    public void record(AuditEvent e) {
        Object[] arguments = {e.action(), e.outcome(),
                entry("audit", !priming),
                entry("action", e.action()),
                entry("outcome", e.outcome()),
                entry("reason", e.reason()),
                entry("subject", e.subject()),
                entry("userName", e.userName()),
                entry("accessKeyId", e.accessKeyId()),
                entry("expiration", e.expiration() == null ? null : e.expiration().toString()),
                entry("region", e.region()),
                entry("models", e.models()),
                entry("requestId", e.requestId()),
                entry("sourceIp", e.sourceIp()),
                entry("userAgent", e.userAgent()),
                entry("cause", e.cause()),
                entry("target", e.target()),
                entry("policySource", e.policySource()),
                entry("sourceIdentityPattern", e.sourceIdentityPattern()),
                entry("detail", e.detail())};
        if (priming) {
            arguments = Arrays.copyOf(arguments, arguments.length + 1);
            arguments[arguments.length - 1] = entry("priming", true);
        }
        AUDIT.info(priming ? PRIMING_MESSAGE : "{} {}", arguments);
        if (AuditEvent.ISSUED.equals(e.outcome())) {
            metrics.flushSingleMetric("Issued", 1, MetricUnit.COUNT, namespace, DimensionSet.of("Action", e.action()));
        } else if (AuditEvent.CHANGED.equals(e.outcome())) {
            metrics.flushSingleMetric("Changed", 1, MetricUnit.COUNT, namespace, DimensionSet.of("Action", e.action()));
        } else if (AuditEvent.REVOKED.equals(e.outcome())) {
            metrics.flushSingleMetric("Revoked", 1, MetricUnit.COUNT, namespace, DimensionSet.of("Action", e.action()));
        } else {
            metrics.flushSingleMetric("Refused", 1, MetricUnit.COUNT, namespace,
                    DimensionSet.of("Action", e.action(), "Reason", String.valueOf(e.reason())));
        }
    }

    @Override
    public void upstreamLatency(String service, Duration latency) {
        metrics.flushSingleMetric("UpstreamLatency", latency.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS,
                namespace, DimensionSet.of("Service", service));
    }
}
