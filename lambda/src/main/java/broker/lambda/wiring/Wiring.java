package broker.lambda.wiring;

import broker.lambda.handler.CredentialsHandler;
import broker.lambda.handler.PublicHandler;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The composition root: builds each function's handler, with its SDK clients, once.
 * CONTRACT STUB: the lead fills this in; signatures are fixed.
 */
public final class Wiring {
    private Wiring() {}

    /** The credentials function; {@code awsCredentials} signs the broker's own STS calls. */
    public static CredentialsHandler credentialsHandler(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The public function. */
    public static PublicHandler publicHandler(BrokerConfig config) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
