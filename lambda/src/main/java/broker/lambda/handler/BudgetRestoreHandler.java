package broker.lambda.handler;

import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.wiring.BudgetWiring;
import java.util.Map;

/**
 * The budget restore function: an EventBridge schedule reactivates the keys of every budget cut-off whose reset has
 * come; the event's content is not read. Failures are audit lines (and the alarm's metric); a failed restore stays
 * recorded and the next run repeats it. Adapts; never decides.
 */
public class BudgetRestoreHandler extends FunctionHandler<Map<String, Object>, String> {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public BudgetRestoreHandler() {
        this(LambdaRuntime.build(BudgetWiring::enforcer));
    }

    /** Local broker and tests. */
    public BudgetRestoreHandler(BudgetEnforcer enforcer) {
        super(event -> {
            enforcer.restoreDue();
            return "restored due budget cut-offs";
        });
    }
}
