package broker.lambda.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * What every API function does: hand each API Gateway event to its routes and, in Lambda, prime them before the
 * snapshot and renew what a restore makes stale. Subclasses only say which {@link FunctionParts}.
 */
abstract class SnapStartFunction extends FunctionHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /**
     * Lambda runtime: the parts {@code lambda} builds from the function's environment (a method of its jar's
     * {@code KeysJarParts} or {@code CredentialsJarParts}).
     */
    SnapStartFunction(LambdaRuntime.Wiring<FunctionParts> lambda) {
        this(LambdaRuntime.build(lambda));
    }

    SnapStartFunction(FunctionParts parts) {
        super(parts.routes(), parts.priming(), parts.afterRestore());
    }
}
