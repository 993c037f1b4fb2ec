package broker.lambda.handler;

import broker.lambda.core.reconcile.KeyReconciliation;
import broker.lambda.core.reconcile.ReconcileResult;
import broker.lambda.wiring.KeysWiring;
import java.util.Map;

/**
 * The reconcile function: an EventBridge schedule runs key reconciliation; the event's content is not read. A run
 * that stopped or had failed IAM calls fails the invocation (the error alarm fires; the next run, or EventBridge's
 * retry, repeats it, which is safe). Adapts; never decides.
 */
public class ReconcileHandler extends FunctionHandler<Map<String, Object>, String> {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public ReconcileHandler() {
        this(LambdaRuntime.build(KeysWiring::keyReconciliation));
    }

    /** Local broker and tests. */
    public ReconcileHandler(KeyReconciliation reconciliation) {
        super(event -> switch (reconciliation.run()) {
            case ReconcileResult.Done(var r) when r.failures() == 0 -> r.users() + " key users, " + r.keysDeactivated()
                    + " keys deactivated, " + r.usersDeleted() + " users deleted";
            case ReconcileResult.Done(var r) -> throw new IllegalStateException(
                    "key reconciliation finished with " + r.failures() + " failed IAM calls");
            case ReconcileResult.Stopped(var reason, var r) -> throw new IllegalStateException(
                    "key reconciliation stopped: " + reason);
        });
    }
}
