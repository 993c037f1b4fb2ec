package broker.lambda.handler;

import broker.lambda.core.reconcile.KeyReconciliation;
import broker.lambda.core.reconcile.ReconcileResult;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The reconcile function: an EventBridge schedule runs key reconciliation; the event's content is not read. A run
 * that stopped or had failed IAM calls fails the invocation (the error alarm fires; the next run, or EventBridge's
 * retry, repeats it, which is safe). Adapts; never decides.
 */
public class ReconcileHandler implements RequestHandler<Map<String, Object>, String> {
    private final KeyReconciliation reconciliation;

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public ReconcileHandler() {
        this(KeysWiring.keyReconciliation(BrokerConfig.fromEnvironment(System.getenv()), System.getenv(),
                EnvironmentVariableCredentialsProvider.create()));
    }

    /** Local broker and tests. */
    public ReconcileHandler(KeyReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return context == null ? run() : PowertoolsLogging.withLogging(context, this::run);
    }

    private String run() {
        return switch (reconciliation.run()) {
            case ReconcileResult.Done(var r) when r.failures() == 0 -> r.users() + " key users, " + r.keysDeactivated()
                    + " keys deactivated, " + r.usersDeleted() + " users deleted";
            case ReconcileResult.Done(var r) -> throw new IllegalStateException(
                    "key reconciliation finished with " + r.failures() + " failed IAM calls");
            case ReconcileResult.Stopped(var reason, var r) -> throw new IllegalStateException(
                    "key reconciliation stopped: " + reason);
        };
    }
}
