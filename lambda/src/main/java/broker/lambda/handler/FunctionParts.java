package broker.lambda.handler;

import broker.lambda.snapstart.PrimingPlan;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a handler is made of: its routes, and in Lambda what SnapStart runs around the snapshot.
 *
 * @param routes       the function's routes
 * @param priming      builds the priming plan that {@code beforeCheckpoint} sends; null outside Lambda (the local
 *                     broker and tests build handlers that are never checkpointed)
 * @param afterRestore what {@code afterRestore} renews (the model catalog's snapshot)
 */
public record FunctionParts(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes,
                            Supplier<PrimingPlan> priming, Runnable afterRestore) {
    static final Runnable NOTHING = () -> { };

    public FunctionParts {
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(afterRestore, "afterRestore");
    }

    /** A function in the Lambda runtime: registers for SnapStart's checkpoint and restore. */
    static FunctionParts lambda(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes,
                                Supplier<PrimingPlan> priming, Runnable afterRestore) {
        return new FunctionParts(routes, Objects.requireNonNull(priming, "priming"), afterRestore);
    }

    /** A function in the local broker or a test: its routes only, never checkpointed. */
    public static FunctionParts local(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routes) {
        return new FunctionParts(routes, null, NOTHING);
    }
}
