package broker.lambda.core.catalog;

import java.time.Duration;

/** Port: runs a task again and again in the background (a daemon scheduled executor in Lambda; by hand in tests). */
public interface CatalogScheduler {
    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    void every(Duration interval, Runnable task);
}
