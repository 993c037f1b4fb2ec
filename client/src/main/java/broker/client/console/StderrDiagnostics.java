package broker.client.console;

import broker.client.core.ClientFailure;
import broker.client.core.Diagnostics;
import java.io.PrintStream;
import java.time.Duration;

/** {@link Diagnostics} on stderr: decisions with {@code --verbose}, fallbacks always. */
public record StderrDiagnostics(PrintStream err, boolean verbose, FailureReport report) implements Diagnostics {
    @Override
    public void verbose(String message) {
        if (verbose) {
            err.println("bedrock-broker: " + message);
        }
    }

    @Override
    public void servingStale(String what, ClientFailure why, Duration left) {
        err.println("bedrock-broker: warning: could not refresh " + what + ", using cached ones valid for "
                + Math.max(0, left.toMinutes()) + " more min. " + report.sentence(why));
        err.flush();
    }

    @Override
    public void budgetWarning(broker.client.core.BudgetStatus budget) {
        err.println("bedrock-broker: warning: " + budget.percent() + " % of your " + budget.name() + " used ("
                + FailureReport.usd(budget.used()) + " of " + FailureReport.usd(budget.limit()) + "); it resets at "
                + budget.resetsAt() + ".");
        err.flush();
    }
}
