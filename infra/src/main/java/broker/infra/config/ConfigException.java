package broker.infra.config;

/**
 * Thrown when the CDK context or a file it names is not a deployable configuration; the message names the
 * setting (or file) and what would be accepted, so {@code cdk synth} can print it as is and stop.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
