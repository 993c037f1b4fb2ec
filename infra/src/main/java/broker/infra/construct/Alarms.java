package broker.infra.construct;

import broker.contract.Telemetry;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/**
 * The stack's alarms, all built one way: a metric against a threshold for a number of periods in a row, and missing
 * data is no breach (a function that did not run, an API without traffic, is not failing).
 */
final class Alarms {
    private Alarms() {}

    /** Raised when the metric reaches {@code threshold} in {@code periods} periods in a row. */
    static Alarm atLeast(Construct scope, String id, String description, IMetric metric, Number threshold,
                         int periods) {
        return alarm(scope, id, description, metric, threshold, periods,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    /** Raised by any occurrence in one period: for failures, which should not happen at all. */
    static Alarm any(Construct scope, String id, String description, IMetric metric) {
        return atLeast(scope, id, description, metric, 1, 1);
    }

    /** Raised when the metric exceeds {@code threshold} in {@code periods} periods in a row. */
    static Alarm above(Construct scope, String id, String description, IMetric metric, Number threshold, int periods) {
        return alarm(scope, id, description, metric, threshold, periods, ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    /** A metric the broker's functions publish (EMF, in {@link Telemetry#METRICS_NAMESPACE}). */
    static Metric broker(String name, Map<String, String> dimensions, String statistic, Duration period) {
        return Metric.Builder.create().namespace(Telemetry.METRICS_NAMESPACE).metricName(name)
                .dimensionsMap(dimensions).statistic(statistic).period(period).build();
    }

    private static Alarm alarm(Construct scope, String id, String description, IMetric metric, Number threshold,
                               int periods, ComparisonOperator comparison) {
        return Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold).evaluationPeriods(periods)
                .comparisonOperator(comparison)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build();
    }
}
