package broker.lambda.core.state;

/**
 * The state store could not be reached or failed (DynamoDB throttling after the SDK's retries, an outage, a broken
 * disk): broken infrastructure, not an expected outcome. Carries no item content, only what failed.
 */
public final class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
