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
}
