package broker.lambda.observability;

import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.issuance.AssumeRoleCommand;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.StsOutcome;

/** Measures every STS call (including the SDK's retries) as the {@code UpstreamLatency} metric. */
public final class TimedCredentialIssuer implements CredentialIssuer {
    private final CredentialIssuer delegate;
    private final UpstreamTimer timer;

    public TimedCredentialIssuer(CredentialIssuer delegate, AuditLog audit) {
        this.delegate = delegate;
        this.timer = new UpstreamTimer(audit, "sts");
    }

    @Override
    public StsOutcome assumeRole(AssumeRoleCommand command) {
        return timer.time(() -> delegate.assumeRole(command));
    }
}
