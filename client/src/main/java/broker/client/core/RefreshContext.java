package broker.client.core;

import java.time.Clock;
import java.time.Duration;

/**
 * What every {@link CredentialKeeper} of one profile shares: the cross-process refresh lock and how long to wait for
 * it, the signed-in user's ID tokens, the clock, where decisions are explained, and the broker's last
 * {@code Retry-After} ({@link RetryAfterBackoff#NONE} to forget it between calls).
 */
public record RefreshContext(RefreshLock lock, Duration lockWait, IdTokenSource tokens, Clock clock, Diagnostics log,
                             RetryAfterBackoff backoff) {
}
