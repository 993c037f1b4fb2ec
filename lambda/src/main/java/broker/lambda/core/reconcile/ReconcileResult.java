package broker.lambda.core.reconcile;

/** How a reconciliation run ended. */
public sealed interface ReconcileResult {
    /** Every key user was looked at; some IAM calls may have failed ({@link ReconcileReport#failures()}). */
    record Done(ReconcileReport report) implements ReconcileResult {}

    /**
     * The run could not start or had to stop: the users could not be listed or the state store could not be read
     * (deciding "not seen" without it would deactivate people who were seen). {@code report} holds what was done.
     */
    record Stopped(String reason, ReconcileReport report) implements ReconcileResult {}
}
