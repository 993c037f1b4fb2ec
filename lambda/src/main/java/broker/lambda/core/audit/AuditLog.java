package broker.lambda.core.audit;

import java.time.Duration;

/** Port: where audit lines and their metrics go (structured logs and CloudWatch EMF in Lambda). */
public interface AuditLog {
    /** Writes exactly one line for this issuance or refusal. */
    void record(AuditEvent event);

    /** Records how long one call to an AWS service took (e.g. {@code sts}), successful or not. */
    void upstreamLatency(String service, Duration latency);
}
