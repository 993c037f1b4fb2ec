package broker.lambda.handler;

import broker.lambda.authorizer.Authorizer;
import broker.lambda.authorizer.IssuersAuthorizer;
import broker.lambda.authorizer.LambdaAuthorization;
import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.wiring.BrokerConfig;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's Lambda authorizer when the stack trusts several issuers: verifies the bearer token against every
 * configured issuer's keys (cached per instance) and answers a simple response. Adapts; never decides.
 * With SnapStart, primes its own decision over an in-process issuer before the snapshot
 * ({@link CredentialsPriming#authorizer}); the configured issuers are not contacted until the first request.
 */
public class AuthorizerHandler extends FunctionHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    /** Lambda runtime: the trusted issuers from the environment (the same variables the functions read). */
    public AuthorizerHandler() {
        this(new LambdaAuthorization(new IssuersAuthorizer(BrokerConfig.trustedIssuers(System.getenv())),
                reason -> LOG.info("token refused: {}", reason)),
                () -> CredentialsPriming.authorizer(AuthorizerHandler::handling));
    }

    /** Tests. */
    public AuthorizerHandler(LambdaAuthorization authorization) {
        this(authorization, null);
    }

    /**
     * @param priming builds the priming plan that {@code beforeCheckpoint} runs (registers for SnapStart's checkpoint);
     *                null for a handler that is never checkpointed
     */
    AuthorizerHandler(LambdaAuthorization authorization, Supplier<PrimingPlan> priming) {
        // Nothing to renew after a restore: the configured issuers' keys were never fetched (priming used its own
        // issuer and key).
        super(authorization::decide, priming, FunctionParts.NOTHING);
    }

    /** This function's decision over another authorizer (SnapStart priming's); its refusals are logged as priming. */
    static Function<Map<String, Object>, Map<String, Object>> handling(Authorizer authorizer) {
        return new LambdaAuthorization(authorizer,
                reason -> LOG.info("SnapStart priming, not a real request: token refused: {}", reason))::decide;
    }
}
