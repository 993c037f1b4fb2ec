package broker.lambda.handler;

import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.BudgetWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The budget restore function: an EventBridge schedule reactivates the keys of every budget cut-off whose reset has
 * come; the event's content is not read. Failures are audit lines (and the alarm's metric); a failed restore stays
 * recorded and the next run repeats it. Adapts; never decides.
 */
public class BudgetRestoreHandler implements RequestHandler<Map<String, Object>, String> {
    private final BudgetEnforcer enforcer;

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public BudgetRestoreHandler() {
        this(BudgetWiring.enforcer(BrokerConfig.fromEnvironment(System.getenv()), System.getenv(),
                EnvironmentVariableCredentialsProvider.create()));
    }

    /** Local broker and tests. */
    public BudgetRestoreHandler(BudgetEnforcer enforcer) {
        this.enforcer = enforcer;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return context == null ? run() : PowertoolsLogging.withLogging(context, this::run);
    }

    private String run() {
        enforcer.restoreDue();
        return "restored due budget cut-offs";
    }
}
