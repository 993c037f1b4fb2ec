package broker.client.core;

import java.time.Duration;

/**
 * A lock shared by every process of one user and profile, so that concurrent refreshes make one broker call. It fails
 * closed: when the lock cannot be used, nobody refreshes (still-usable cached credentials are served with a warning).
 */
public interface RefreshLock {
    /**
     * Waits at most {@code wait}: the held lock, {@link ClientFailure.Busy} when another process still holds it then,
     * or {@link ClientFailure.LocalFile} when the lock file cannot be opened or locked.
     */
    Result<Held> acquire(Duration wait);

    /** A held lock; closing releases it. A process that dies releases it too. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
