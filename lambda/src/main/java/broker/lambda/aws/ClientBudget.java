package broker.lambda.aws;

import broker.lambda.core.Require;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How long one SDK call may take and how often it is retried.
 *
 * @param connectTimeout        TCP connect timeout of the HTTP client
 * @param socketTimeout         read timeout of the HTTP client
 * @param apiCallTimeout        the whole call, every retry and backoff included
 * @param apiCallAttemptTimeout one HTTP attempt
 * @param maxAttempts           attempts in total, the first one included
 * @param baseDelay             first backoff after a transient error (exponential with jitter, capped by maxBackoff)
 * @param throttlingBaseDelay   first backoff after a throttling error
 * @param maxBackoff            the cap of every backoff
 */
public record ClientBudget(Duration connectTimeout, Duration socketTimeout, Duration apiCallTimeout,
                           Duration apiCallAttemptTimeout, int maxAttempts, Duration baseDelay,
                           Duration throttlingBaseDelay, Duration maxBackoff) {

    /**
     * A Lambda behind API Gateway: an HTTP API integration times out at 30 s, and a user waits for the answer,
     * so a call gives up after 6 s and the caller is told to retry instead.
     */
    public static final ClientBudget LAMBDA = new ClientBudget(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(2),
            3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));

    public ClientBudget {
        Require.nonNull("connectTimeout socketTimeout apiCallTimeout apiCallAttemptTimeout baseDelay throttlingBaseDelay"
                + " maxBackoff", connectTimeout, socketTimeout, apiCallTimeout, apiCallAttemptTimeout, baseDelay,
                throttlingBaseDelay, maxBackoff);
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout must not exceed apiCallTimeout");
        }
    }

    /** The SDK's standard retry strategy (AWS retry conditions, retry-quota circuit breaker) within this budget. */
    RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxBackoff))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxBackoff))
                .build();
    }
}
