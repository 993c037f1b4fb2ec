package broker.contract;

/** The names under which the broker's logs and metrics appear, the same in Lambda and in the local broker. */
public final class Telemetry {
    private Telemetry() {}

    /** Powertools' service name: the {@code service} of every log line and a dimension of every metric. */
    public static final String SERVICE_NAME = "bedrock-broker";
    /** CloudWatch namespace of the broker's EMF metrics. */
    public static final String METRICS_NAMESPACE = "BedrockBroker";
    /**
     * The message of usage ingestion's line per owner and counted batch ({@code owner}, {@code ownerName},
     * {@code ownerKind}, {@code costMicroUsd}): the stack's top-spenders query filters on it.
     */
    public static final String USAGE_CHARGED_MESSAGE = "usage charged";
    /**
     * Key reconciliation's EMF metric of the account's IAM users in percent of the quota (dimension
     * {@code Function=Reconcile}): the stack alarms at {@code 80}.
     */
    public static final String IAM_USER_QUOTA_METRIC = "IamUserQuotaPercent";
    /** The dimension value of key reconciliation's metrics ({@code Function}). */
    public static final String RECONCILE_DIMENSION = "Reconcile";
}
