package broker.lambda.handler;

import broker.lambda.authorizer.IssuersAuthorizer;
import broker.lambda.authorizer.LambdaAuthorization;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The HTTP API's Lambda authorizer when the stack trusts several issuers: verifies the bearer token against every
 * configured issuer's keys (cached per instance) and answers a simple response. Adapts; never decides.
 */
public class AuthorizerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final LambdaAuthorization authorization;

    /** Lambda runtime: the trusted issuers from the environment (the same variables the functions read). */
    public AuthorizerHandler() {
        this(new LambdaAuthorization(new IssuersAuthorizer(BrokerConfig.trustedIssuers(System.getenv())),
                reason -> LOG.info("token refused: {}", reason)));
    }

    /** Tests. */
    public AuthorizerHandler(LambdaAuthorization authorization) {
        this.authorization = authorization;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return context == null ? authorization.decide(event)
                : PowertoolsLogging.withLogging(context, () -> authorization.decide(event));
    }
}
