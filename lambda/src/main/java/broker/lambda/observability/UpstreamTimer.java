package broker.lambda.observability;

import broker.lambda.core.audit.AuditLog;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Measures calls to one upstream service (with the SDK's retries and pages inside them) as the
 * {@code UpstreamLatency} metric: the one timing behind {@link Timed}.
 */
record UpstreamTimer(AuditLog audit, String service) {
    <T> T time(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            audit.upstreamLatency(service, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
