package broker.lambda.core.apikeys;

import java.time.Duration;

/**
 * What came of one IAM call, after the SDK's own retries. The IAM adapters never throw for AWS errors; the
 * use cases decide what each outcome means for the caller (a missing user is normal, a missing role is not).
 */
public sealed interface IamResult<T> {

    /** The call succeeded; {@code value} is null for calls that return nothing. */
    record Done<T>(T value) implements IamResult<T> {}

    /** IAM answered {@code NoSuchEntity}: the user, credential or policy does not exist. */
    record NotFound<T>() implements IamResult<T> {}

    /** IAM answered {@code EntityAlreadyExists}: a user of that name exists (IAM names ignore case). */
    record AlreadyExists<T>() implements IamResult<T> {}

    /** IAM answered {@code LimitExceeded}: e.g. the user already holds two Bedrock credentials. */
    record LimitExceeded<T>() implements IamResult<T> {}

    /** IAM kept throttling the broker; retry after the given time. */
    record Throttled<T>(Duration retryAfter) implements IamResult<T> {}

    /** IAM could not be reached, timed out or answered 5xx; retry after the given time. */
    record Unavailable<T>(Duration retryAfter) implements IamResult<T> {}

    /**
     * IAM refused the broker's request for a reason the caller cannot fix (access denied, malformed policy,
     * invalid input): a deployment problem. {@code code} is the AWS error code, for the log only.
     */
    record Refused<T>(String code) implements IamResult<T> {}

    /** A successful call that returns nothing. */
    static IamResult<Void> done() {
        return new Done<>(null);
    }
}
