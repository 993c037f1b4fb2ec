package broker.infra.construct;

import broker.contract.Telemetry;
import broker.lambda.core.Require;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * Abuse and misuse of the HTTP API, seen from outside the functions: an alarm on throttled requests (429, counted
 * from the access log, since API Gateway's HTTP API metrics do not break 4xx down by status) and one on the share
 * of client errors (4xx of all requests) when there is enough traffic to speak of a rate.
 */
public final class ApiAlarms extends Construct {
    /** The access-log metric of 429 answers. */
    public static final String THROTTLED_METRIC = "ApiThrottledRequests";
    /** Throttled requests in five minutes that raise the alarm. */
    static final int THROTTLED_THRESHOLD = 10;
    /** Percentage of 4xx answers, three five-minute periods in a row, that raises the alarm. */
    static final int CLIENT_ERROR_PERCENT = 25;
    /** Fewer requests than this in five minutes never count as a 4xx rate (one expired token is not an attack). */
    static final int CLIENT_ERROR_MIN_REQUESTS = 20;

    /**
     * @param api        the HTTP API (its {@code 4xx} and {@code Count} metrics)
     * @param accessLogs its access log group (JSON lines with {@code status})
     */
    public record Props(HttpApi api, LogGroup accessLogs) {
        public Props {
            Require.nonNull("api accessLogs", api, accessLogs);
        }
    }

    public ApiAlarms(Construct scope, String id, Props props) {
        super(scope, id);
        MetricFilter filter = MetricFilter.Builder.create(this, "ThrottledRequests")
                .logGroup(props.accessLogs())
                .filterPattern(FilterPattern.stringValue("$.status", "=", "429"))
                .metricNamespace(Telemetry.METRICS_NAMESPACE)
                .metricName(THROTTLED_METRIC)
                .metricValue("1")
                .defaultValue(0)
                .build();
        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build();
        Alarms.atLeast(this, "Throttled", "The API answered 429 (throttled) at least " + THROTTLED_THRESHOLD
                        + " times in 5 minutes: a client loop or a flood; see docs/deploy.md on per-IP limits "
                        + "with WAF",
                filter.metric(sum), THROTTLED_THRESHOLD, 1);

        Metric errors = props.api().metricClientError(sum);
        Metric requests = props.api().metricCount(sum);
        Alarms.above(this, "ClientErrorRate", "More than " + CLIENT_ERROR_PERCENT + " % of the API's answers were 4xx "
                        + "for 15 minutes (at least " + CLIENT_ERROR_MIN_REQUESTS + " requests per 5 minutes): probing, "
                        + "a misconfigured client or an issuer whose tokens the authorizer rejects",
                MathExpression.Builder.create()
                        .expression("IF(requests >= " + CLIENT_ERROR_MIN_REQUESTS + ", 100 * errors / requests, 0)")
                        .usingMetrics(TemplateMaps.sorted(Map.of("errors", errors, "requests", requests)))
                        .label("4xx % of requests").period(Duration.minutes(5)).build(),
                CLIENT_ERROR_PERCENT, 3);
    }
}
