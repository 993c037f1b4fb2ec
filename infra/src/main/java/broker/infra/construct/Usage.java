package broker.infra.construct;

import broker.contract.Telemetry;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.LambdaDestination;
import software.constructs.Construct;

/**
 * Usage in AWS: the ingestion function subscribed to Bedrock's model invocation log group (when one is named), its
 * read of the key users' owner tags, a dashboard (issuances, refusals, usage cost, ingestion lag and errors, top
 * spenders) and
 * alarms on ingestion errors and lag.
 */
public final class Usage extends Construct {
    /**
     * The ingestion function's one line per owner and counted batch ({@code UsageIngestionLog.charged}), summed: each
     * record is counted once (redeliveries charge nothing), so the sums are the ledger's.
     */
    static final List<String> TOP_SPENDERS_QUERY = List.of(
            "filter message = \"" + Telemetry.USAGE_CHARGED_MESSAGE + "\"",
            "stats sum(costMicroUsd) as costMicroUsd by ownerName, owner, ownerKind",
            "sort costMicroUsd desc",
            "limit 20");

    /** An ingestion older than this (the oldest counted record's age) raises the lag alarm. */
    static final int LAG_ALARM_SECONDS = 300;

    /**
     * @param ingest             the usage ingestion function
     * @param invocationLogGroup the log group Bedrock delivers invocation logs to, or null for no subscription
     * @param keyUserPath        the IAM path of the per-person key users (their owner tags attribute long-term keys)
     * @param createdLogGroup    the invocation log group the stack created ({@link InvocationLogging}), or null; with
     *                           one, {@code invocationLogGroup} is null
     */
    public record Props(Functions.Deployed ingest, String invocationLogGroup, String keyUserPath,
                        ILogGroup createdLogGroup) {
        /** Subscribes to an existing group (or to none). */
        public Props(Functions.Deployed ingest, String invocationLogGroup, String keyUserPath) {
            this(ingest, invocationLogGroup, keyUserPath, null);
        }
    }

    public Usage(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.invocationLogGroup() != null || props.createdLogGroup() != null) {
            ILogGroup group = props.createdLogGroup() != null ? props.createdLogGroup()
                    : LogGroup.fromLogGroupName(this, "InvocationLogGroup", props.invocationLogGroup());
            SubscriptionFilter.Builder.create(this, "InvocationLogSubscription")
                    .logGroup(group)
                    .destination(new LambdaDestination(props.ingest().alias()))
                    .filterPattern(FilterPattern.literal("{ $.schemaType = \"ModelInvocationLog\" }"))
                    .build();
        }
        String keyUsers = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user",
                props.keyUserPath(), "*"));
        Policy owners = Policy.Builder.create(this, "KeyOwnerReads").roles(List.of(props.ingest().role()))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("iam:GetUser", "iam:ListUserTags")).resources(List.of(keyUsers)).build()))
                .build();
        NagFinding.acknowledge(owners, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user"
                + props.keyUserPath() + "*", "Read-only owner tags of the per-person key users, exactly the users under"
                + " the broker's IAM path, created at run time.");

        Alarms.any(this, "IngestionErrors",
                "Usage ingestion failed (the delivery is retried; persistent failures lose usage)",
                props.ingest().function().metricErrors().with(
                        software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                                .period(Duration.minutes(5)).statistic("Sum").build()));
        Alarms.above(this, "IngestionLag", "Usage reaches the ledger more than " + LAG_ALARM_SECONDS
                        + " s after Bedrock logged it",
                metric("UsageIngestionLagSeconds", "Maximum", Map.of("Function", "UsageIngest")), LAG_ALARM_SECONDS, 3);

        Dashboard.Builder.create(this, "Dashboard").dashboardName(Fn.join("-", List.of(Aws.STACK_NAME, "usage")))
                .widgets(List.of(List.of(
                        graph("Issuances by action", search("Issued", "Action")),
                        graph("Refusals by reason", search("Refused", "Action,Reason")),
                        graph("Usage cost (micro-USD)", metric("UsageCostMicroUsd", "Sum", Map.of("Function", "UsageIngest"))),
                        graph("Ingestion lag (s) and errors",
                                metric("UsageIngestionLagSeconds", "Maximum", Map.of("Function", "UsageIngest")),
                                props.ingest().function().metricErrors())),
                        List.of(LogQueryWidget.Builder.create()
                                .title("Top spenders (micro-USD, the dashboard's time range)")
                                .logGroupNames(List.of(props.ingest().logGroup().getLogGroupName()))
                                .queryLines(TOP_SPENDERS_QUERY)
                                .view(LogQueryVisualizationType.TABLE)
                                .width(24).height(8)
                                .build())))
                .build();
    }

    private static Metric metric(String name, String statistic, Map<String, String> dimensions) {
        return Alarms.broker(name, dimensions, statistic, Duration.minutes(5));
    }

    private static IMetric search(String name, String dimensions) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + Telemetry.METRICS_NAMESPACE + "," + dimensions + ",service} MetricName=\""
                        + name + "\"', 'Sum', 300)")
                .usingMetrics(Map.of()).label(name).period(Duration.minutes(5)).build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(6).build();
    }
}
