package broker.client.core;

import java.util.function.Function;

/** The outcome of a step that can fail in an expected way. */
public sealed interface Result<T> {
    /** The step succeeded. */
    record Ok<T>(T value) implements Result<T> {}

    /** The step failed for a reason the user can act on. */
    record Err<T>(ClientFailure failure) implements Result<T> {}

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(ClientFailure failure) {
        return new Err<>(failure);
    }

    // instanceof rather than a pattern switch: a switch bootstraps through invokedynamic, which costs milliseconds of
    // start-up on the cache-hit path.
    default <U> Result<U> map(Function<T, U> f) {
        if (this instanceof Ok<T>(var value)) {
            return new Ok<>(f.apply(value));
        }
        return new Err<>(((Err<T>) this).failure());
    }

    default <U> Result<U> flatMap(Function<T, Result<U>> f) {
        if (this instanceof Ok<T>(var value)) {
            return f.apply(value);
        }
        return new Err<>(((Err<T>) this).failure());
    }
}
