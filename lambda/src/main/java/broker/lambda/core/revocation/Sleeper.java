package broker.lambda.core.revocation;

import java.time.Duration;

/** Waits between reads of IAM; tests pass one that moves their clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** The real one. */
    Sleeper THREAD = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
