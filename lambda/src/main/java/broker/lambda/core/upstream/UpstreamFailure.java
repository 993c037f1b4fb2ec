package broker.lambda.core.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * An AWS service failed one of the broker's calls after the SDK's own retries: never the caller's doing. The
 * issuance and API-key outcomes carry it as it is, and {@code http} renders it in one place.
 */
public sealed interface UpstreamFailure {
    /** The AWS service as its endpoint names it: {@code sts}, {@code iam}. */
    String service();

    /** The service kept throttling the broker; the caller may retry after {@code retryAfter}. */
    record Throttled(String service, Duration retryAfter) implements UpstreamFailure {
        public Throttled {
            Objects.requireNonNull(service, "service");
        }
    }

    /** The service could not be reached, timed out or answered 5xx; the caller may retry after {@code retryAfter}. */
    record Unavailable(String service, Duration retryAfter) implements UpstreamFailure {
        public Unavailable {
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * The service refused the broker's request for a reason the caller cannot fix (access denied, policy too large,
     * a name clash IAM should not have): a deployment problem. {@code code} (e.g. {@code AccessDenied},
     * {@code CreateUser:LimitExceeded}) is for the log only.
     */
    record Refused(String service, String code) implements UpstreamFailure {
        public Refused {
            Objects.requireNonNull(service, "service");
        }
    }
}
