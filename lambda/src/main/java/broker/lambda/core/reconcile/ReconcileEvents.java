package broker.lambda.core.reconcile;

/** Port: what a reconciliation run tells the operators (audit lines and metrics in Lambda). */
public interface ReconcileEvents {
    /** Reports nothing. */
    ReconcileEvents NONE = new ReconcileEvents() {
        @Override public void acted(ReconcileAction action) {}
        @Override public void finished(ReconcileReport report) {}
    };

    /** One action (or failure) on one key user, as it happens. */
    void acted(ReconcileAction action);

    /** The run is over (also when it stopped early, with what it did until then). */
    void finished(ReconcileReport report);
}
