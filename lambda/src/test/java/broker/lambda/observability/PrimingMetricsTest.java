package broker.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.StdoutCapture;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ConsoleSink;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Priming metrics go through Powertools' EMF logger like the real ones, and are dropped instead of printed. */
class PrimingMetricsTest {
    @RegisterExtension
    final StdoutCapture stdout = new StdoutCapture();

    @Test
    void flushSingleMetric_onTheConsoleSinkAsInLambda_printsAnEmfDocument() {
        Metrics console = new EmfMetricsLogger(new ConsoleEnvironment(), new MetricsContext());

        console.flushSingleMetric("Issued", 1, MetricUnit.COUNT, "BedrockBroker", DimensionSet.of("Action", "credentials"));

        assertThat(stdout.text()).contains("\"_aws\"").contains("\"Issued\"");
    }

    @Test
    void flushSingleMetric_onPrimingMetrics_printsNothing() {
        PrimingMetrics.discarding().flushSingleMetric("Issued", 1, MetricUnit.COUNT, "BedrockBroker",
                DimensionSet.of("Action", "credentials"));

        assertThat(stdout.text()).isEmpty();
    }

    /** What EMF resolves to in Lambda: a console sink on stdout. */
    static final class ConsoleEnvironment extends EnvironmentProvider {
        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(new Environment() {
                @Override public boolean probe() { return true; }
                @Override public String getName() { return "test"; }
                @Override public String getType() { return "test"; }
                @Override public String getLogGroupName() { return "test"; }
                @Override public void configureContext(MetricsContext context) {}
                @Override public ISink getSink() { return new ConsoleSink(); }
            });
        }
    }
}
