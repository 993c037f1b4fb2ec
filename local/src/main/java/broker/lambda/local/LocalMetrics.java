package broker.lambda.local;

import broker.contract.Telemetry;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * CloudWatch EMF (the handlers' metrics) outside Lambda. Unless told its environment, EMF probes the EC2 and ECS
 * metadata endpoints before its first flush, which stalls the local broker's first issuance for 20 s or more off AWS.
 * The local broker tells it: {@code Local}, whose documents go to {@code System.out} (which {@link LocalBroker#main}
 * points at stderr, with the JSON logs).
 */
final class LocalMetrics {
    private LocalMetrics() {
    }

    /** Sets EMF's process-wide configuration, before any metric is flushed; see {@link #preferLocal(Configuration)}. */
    static Environments useLocalEnvironment() {
        return preferLocal(EnvironmentConfigurationProvider.getConfig());
    }

    /**
     * The {@code Local} environment, unless one was chosen ({@code AWS_EMF_ENVIRONMENT}, e.g. {@code Agent} for a
     * CloudWatch agent on the machine), and the service name the functions use, unless one was chosen
     * ({@code AWS_EMF_SERVICE_NAME}): outside Lambda EMF knows none and warns "Unknown ServiceName." on every flush.
     *
     * @return the environment EMF will use
     */
    static Environments preferLocal(Configuration config) {
        Environments chosen = config.getEnvironmentOverride();
        if (chosen == null || chosen == Environments.Unknown) config.setEnvironmentOverride(Environments.Local);
        if (config.getServiceName().isEmpty()) config.setServiceName(Telemetry.SERVICE_NAME);
        return config.getEnvironmentOverride();
    }
}
