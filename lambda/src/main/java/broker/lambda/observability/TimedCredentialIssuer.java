package broker.lambda.observability;

import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.issuance.AssumeRoleCommand;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.StsOutcome;
import java.time.Duration;

/** Measures every STS call (including the SDK's retries) as the {@code UpstreamLatency} metric. */
public final class TimedCredentialIssuer implements CredentialIssuer {
    private final CredentialIssuer delegate;
    private final AuditLog audit;

    public TimedCredentialIssuer(CredentialIssuer delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public StsOutcome assumeRole(AssumeRoleCommand command) {
        long start = System.nanoTime();
        try {
            return delegate.assumeRole(command);
        } finally {
            audit.upstreamLatency("sts", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
