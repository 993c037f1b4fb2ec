package broker.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.snapstart.PrimingPlan;
import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What every function does around its handling: with or without Lambda's context, and around a SnapStart snapshot. */
class FunctionHandlerTest {

    /** A function of the smallest kind: doubles its event. */
    static final class Doubling extends FunctionHandler<Integer, Integer> {
        Doubling(Supplier<PrimingPlan> priming, Runnable afterRestore) {
            super(n -> 2 * n, priming, afterRestore);
        }
    }

    @Test
    void handleRequest_withAndWithoutLambdasContext_handlesTheEvent() {
        var handler = new Doubling(null, FunctionParts.NOTHING);

        assertThat(handler.handleRequest(21, null)).isEqualTo(42);
        assertThat(handler.handleRequest(21, lambdaContext())).isEqualTo(42);
    }

    @Test
    void beforeCheckpoint_buildsAndRunsThePlan_afterRestore_renews() {
        List<String> calls = new ArrayList<>();
        var handler = new Doubling(() -> {
            calls.add("plan built");
            return new PrimingPlan(List.of(() -> {
                calls.add("event sent");
                return 200;
            }), () -> calls.add("clients closed"));
        }, () -> calls.add("renewed"));
        assertThat(calls).isEmpty();

        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        assertThat(calls).containsExactly("plan built", "event sent", "clients closed", "renewed");
    }

    /** A Lambda context with a name and request id for every string it is asked for, 0 for every number. */
    private static Context lambdaContext() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getReturnType() == String.class ? "test"
                        : method.getReturnType() == int.class ? 0 : null);
    }
}
