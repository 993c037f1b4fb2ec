package broker.lambda.core.invocationlogging;

import java.util.Optional;

/**
 * Port: Bedrock's model invocation logging configuration of the region the broker runs in
 * ({@code GetModelInvocationLoggingConfiguration}, {@code Put…}, {@code Delete…}). No method throws for an AWS error.
 */
public interface InvocationLoggingConfig {
    /** The current configuration. */
    Current read();

    /** Replaces the configuration; empty on success, else what failed (an error code, never an AWS message). */
    Optional<String> put(LoggingSetting setting);

    /** Turns invocation logging off; empty on success, else what failed. */
    Optional<String> delete();

    /** What {@link #read()} found. */
    sealed interface Current {
        /** Logging is off in this region. */
        record NotConfigured() implements Current {}

        /** Logging is on with this setting. */
        record Configured(LoggingSetting setting) implements Current {}

        /** Bedrock could not be asked. */
        record Failed(String cause) implements Current {}
    }
}
