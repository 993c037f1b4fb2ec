package broker.lambda.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;

/**
 * Metrics for SnapStart priming: Powertools' EMF logger as in production, whose documents are serialized (so that
 * every class of the metrics path is loaded before the snapshot) and then dropped, never written anywhere.
 *
 * <p>Dropped rather than sent to a separate namespace: a priming namespace would still create CloudWatch metrics on
 * every published version (one {@code Issued} per snapshot), which an alarm or dashboard on a namespace pattern
 * could count; serializing without writing loads the same classes and leaves nothing to mistake.
 */
public final class PrimingMetrics {
    private PrimingMetrics() {
    }

    /**
     * A new {@link Metrics} that drops everything it flushes. Built directly, not through {@code MetricsBuilder}:
     * that builder configures Powertools' one shared instance, which the function's real audit log uses.
     */
    public static Metrics discarding() {
        return new EmfMetricsLogger(new Discarding(), new MetricsContext());
    }

    /** Resolves, without probing anything, to an environment whose sink serializes and drops. */
    private static final class Discarding extends EnvironmentProvider {
        private final CompletableFuture<Environment> environment = CompletableFuture.completedFuture(new DroppingEnvironment());

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return environment;
        }

        @Override
        public Environment getDefaultEnvironment() {
            return environment.join();
        }
    }

    private static final class DroppingEnvironment implements Environment {
        private final ISink sink = new DroppingSink();

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "snapstart-priming";
        }

        @Override
        public String getType() {
            return "snapstart-priming";
        }

        @Override
        public String getLogGroupName() {
            return "snapstart-priming";
        }

        @Override
        public void configureContext(MetricsContext context) {
        }

        @Override
        public ISink getSink() {
            return sink;
        }
    }

    private static final class DroppingSink implements ISink {
        @Override
        public void accept(MetricsContext context) {
            try {
                context.serialize();
            } catch (JsonProcessingException e) {
                // Nothing is written either way.
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
