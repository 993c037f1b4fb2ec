package broker.lambda.core.issuance;

import java.time.Duration;

/** What came of an {@code AssumeRole} call, after the SDK's own retries. */
public sealed interface StsOutcome {
    /** STS issued credentials. */
    record Assumed(SessionCredentials credentials) implements StsOutcome {}

    /** STS kept throttling the broker; the caller should retry after the given time. */
    record Throttled(Duration retryAfter) implements StsOutcome {}

    /** STS could not be reached, timed out or answered 5xx; the caller should retry after the given time. */
    record Unavailable(Duration retryAfter) implements StsOutcome {}

    /**
     * STS refused the request for a reason the caller cannot fix (access denied to the broker's role,
     * policy too large, region disabled): a deployment problem. {@code code} is the AWS error code, for the log.
     */
    record Refused(String code) implements StsOutcome {}
}
