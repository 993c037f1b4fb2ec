package broker.lambda.handler;

import broker.lambda.snapstart.PrimingPlan;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every function does around its handling of an event: in Lambda, Powertools' context keys on every log line
 * (request id, cold start; event logging stays off); with a priming plan, it registers for SnapStart's checkpoint,
 * primes before the snapshot and renews after a restore what the function caches itself. Subclasses only say how an
 * event is handled and, for SnapStart, how the function is primed.
 */
abstract class FunctionHandler<I, O> implements RequestHandler<I, O>, Resource {
    private final Function<I, O> handling;
    private final Supplier<PrimingPlan> priming;
    private final Runnable afterRestore;

    /**
     * @param handling     what one event does, with or without Lambda's context
     * @param priming      builds the priming plan that {@code beforeCheckpoint} runs (registers for SnapStart's
     *                     checkpoint); null for a handler that is never checkpointed (the local broker, tests)
     * @param afterRestore what {@code afterRestore} renews
     */
    FunctionHandler(Function<I, O> handling, Supplier<PrimingPlan> priming, Runnable afterRestore) {
        this.handling = Objects.requireNonNull(handling, "handling");
        this.priming = priming;
        this.afterRestore = Objects.requireNonNull(afterRestore, "afterRestore");
        if (priming != null) Core.getGlobalContext().register(this);
    }

    /** A function SnapStart never checkpoints. */
    FunctionHandler(Function<I, O> handling) {
        this(handling, null, FunctionParts.NOTHING);
    }

    @Override
    public final O handleRequest(I event, Context context) {
        return context == null ? handling.apply(event)
                : PowertoolsLogging.withLogging(context, () -> handling.apply(event));
    }

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.get().run();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        // SDK clients re-resolve connections and the role's credentials are re-read from the environment;
        // only what a function caches itself needs renewing.
        afterRestore.run();
    }
}
