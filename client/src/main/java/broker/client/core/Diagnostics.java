package broker.client.core;

import java.time.Duration;

/** Where decisions are explained (stderr); never given key material. */
public interface Diagnostics {
    /** Shown only with {@code --verbose}. */
    void verbose(String message);

    /** Always shown: {@code what} could not be refreshed because of {@code why}; cached ones good for {@code left} are served. */
    void servingStale(String what, ClientFailure why, Duration left);

    /** Always shown: the answer carried the person's budget standing (above a warning threshold). */
    default void budgetWarning(BudgetStatus budget) {
    }

    Diagnostics SILENT = new Diagnostics() {
        @Override
        public void verbose(String message) {
        }

        @Override
        public void servingStale(String what, ClientFailure why, Duration left) {
        }
    };
}
