package broker.client.core;

import java.time.Duration;
import java.util.Optional;

/** A lock shared by every process of one user and profile, so that concurrent refreshes make one broker call. */
public interface RefreshLock {
    /** Waits at most {@code wait}; empty when another process still holds it then. */
    Optional<Held> acquire(Duration wait);

    /** A held lock; closing releases it. A process that dies releases it too. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
