package broker.lambda.aws;

import broker.lambda.core.apikeys.IamResult;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one IAM call and turns every SDK failure into an {@link IamResult}: no {@link SdkException} leaves {@code aws}. */
final class IamErrors {
    /** After the SDK's own backoff was not enough: wait a little longer than its throttling backoff cap. */
    static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(3);
    /** IAM timed out, was unreachable or answered 5xx even after retries. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(2);

    private static final Set<String> THROTTLING_CODES =
            Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");
    /** Another writer touched the same entity, or IAM is still settling it: retrying shortly succeeds. */
    private static final Set<String> TRANSIENT_CODES = Set.of("ConcurrentModification", "EntityTemporarilyUnmodifiable");

    private IamErrors() {
    }

    static <T> IamResult<T> call(Supplier<T> call) {
        try {
            return new IamResult.Done<>(call.get());
        } catch (AwsServiceException e) {
            return classify(e);
        } catch (SdkException e) {
            // SdkClientException and its timeouts: IAM could not be reached or did not answer in time.
            return new IamResult.Unavailable<>(UNAVAILABLE_RETRY_AFTER);
        }
    }

    static <T> IamResult<T> classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code))) {
            return new IamResult.Throttled<>(THROTTLED_RETRY_AFTER);
        }
        if (code != null) {
            switch (code) {
                case "NoSuchEntity" -> { return new IamResult.NotFound<>(); }
                case "EntityAlreadyExists" -> { return new IamResult.AlreadyExists<>(); }
                case "LimitExceeded" -> { return new IamResult.LimitExceeded<>(); }
                default -> { }
            }
            if (TRANSIENT_CODES.contains(code)) return new IamResult.Unavailable<>(UNAVAILABLE_RETRY_AFTER);
        }
        if (e.statusCode() >= 500) return new IamResult.Unavailable<>(UNAVAILABLE_RETRY_AFTER);
        return new IamResult.Refused<>(code == null || code.isBlank() ? "HTTP" + e.statusCode() : code);
    }
}
