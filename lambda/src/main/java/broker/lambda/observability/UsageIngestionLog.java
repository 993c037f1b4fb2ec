package broker.lambda.observability;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import broker.contract.Telemetry;
import broker.lambda.core.usage.IngestionEvents;
import broker.lambda.core.usage.IngestionReport;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.RecordReading;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Usage ingestion's log lines (logger {@code broker.usage}: one per skipped record with its reason and field, never its
 * content; one per batch; one per owner charged by a batch) and EMF metrics: {@code UsageRecords} by outcome, {@code UsageCostMicroUsd},
 * {@code UsageIngestionLagSeconds} (the oldest counted record's age), {@code UsageLedgerWrites}.
 */
public final class UsageIngestionLog implements IngestionEvents {
    private static final Logger LOG = LoggerFactory.getLogger("broker.usage");

    /** The prefix of priming's lines, as the priming audit log's ({@link PowertoolsAuditLog#forPriming()}). */
    static final String PRIMING_PREFIX = "SnapStart priming, not a real request: ";

    private final Metrics metrics;
    private final boolean priming;

    public UsageIngestionLog(Metrics metrics) {
        this(metrics, false);
    }

    private UsageIngestionLog(Metrics metrics, boolean priming) {
        this.metrics = metrics;
        this.priming = priming;
    }

    /**
     * Ingestion's events during SnapStart priming: the same code path, but every line's message starts with
     * {@value #PRIMING_PREFIX} and carries {@code "priming":true} (so the dashboard's charged-lines query, which matches
     * the message exactly, never counts them), and the metrics are serialized and dropped ({@link PrimingMetrics}).
     */
    public static UsageIngestionLog forPriming() {
        return new UsageIngestionLog(PrimingMetrics.discarding(), true);
    }

    /** Under the broker's namespace and service name. */
    public static UsageIngestionLog forService() {
        return new UsageIngestionLog(MetricsBuilder.builder().withNamespace(Telemetry.METRICS_NAMESPACE)
                .withService(Telemetry.SERVICE_NAME).build());
    }

    @Override
    public void skipped(int index, RecordReading.Skipped skipped) {
        LOG.warn(message("invocation log record skipped: {} {}"), arguments(skipped.reason(), skipped.field(),
                entry("index", index), entry("reason", skipped.reason().name()), entry("field", skipped.field())));
    }

    /** The message of {@link #charged}'s lines, which the dashboard's top-spenders query filters on. */
    public static final String CHARGED_MESSAGE = Telemetry.USAGE_CHARGED_MESSAGE;

    /** One line per owner of the batch: who (key, readable name, kind) and the cost; never what was asked. */
    @Override
    public void charged(Map<Owner, Long> costMicroUsdByOwner) {
        costMicroUsdByOwner.forEach((owner, cost) -> LOG.info(message(CHARGED_MESSAGE), arguments(
                entry("owner", owner.key()), entry("ownerName", owner.userName()), entry("ownerKind", owner.kind().name()),
                entry("costMicroUsd", cost))));
    }

    @Override
    public void ingested(IngestionReport r) {
        LOG.info(message("usage batch: {} counted of {}"), arguments(r.counted(), r.received(),
                entry("received", r.received()), entry("counted", r.counted()), entry("skipped", r.skipped()),
                entry("duplicates", r.duplicates()), entry("stale", r.stale()), entry("unattributed", r.unattributed()),
                entry("costMicroUsd", r.costMicroUsd()), entry("ledgerWrites", r.writes()),
                entry("maxLagMs", r.maxLag().toMillis()), entry("fallbackModels", r.fallbackModels())));
        String ns = Telemetry.METRICS_NAMESPACE;
        metrics.flushSingleMetric("UsageRecords", r.counted(), MetricUnit.COUNT, ns, DimensionSet.of("Outcome", "counted"));
        if (r.skipped() > 0) {
            metrics.flushSingleMetric("UsageRecords", r.skipped(), MetricUnit.COUNT, ns, DimensionSet.of("Outcome", "skipped"));
        }
        if (r.duplicates() > 0) {
            metrics.flushSingleMetric("UsageRecords", r.duplicates(), MetricUnit.COUNT, ns, DimensionSet.of("Outcome", "duplicate"));
        }
        if (r.counted() > 0) {
            metrics.flushSingleMetric("UsageCostMicroUsd", r.costMicroUsd(), MetricUnit.COUNT, ns, DimensionSet.of("Function", "UsageIngest"));
            metrics.flushSingleMetric("UsageIngestionLagSeconds", r.maxLag().toMillis() / 1000.0, MetricUnit.SECONDS, ns,
                    DimensionSet.of("Function", "UsageIngest"));
            metrics.flushSingleMetric("UsageLedgerWrites", r.writes(), MetricUnit.COUNT, ns, DimensionSet.of("Function", "UsageIngest"));
        }
    }

    private String message(String message) {
        return priming ? PRIMING_PREFIX + message : message;
    }

    /** A line's arguments, with {@code "priming":true} last on priming's lines. */
    private Object[] arguments(Object... arguments) {
        if (!priming) return arguments;
        Object[] marked = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        marked[arguments.length] = entry("priming", true);
        return marked;
    }
}
