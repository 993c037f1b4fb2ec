package broker.contract;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin access for browser portals, as the stack's HTTP API configures it and the local broker answers it:
 * the configured origins only (no constant here), these methods and headers, no credentials, preflights cached for
 * {@link #MAX_AGE}.
 */
public final class CorsPolicy {
    private CorsPolicy() {}

    /** The methods a portal may use. */
    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "DELETE");
    /** The request headers a portal may send. */
    public static final List<String> ALLOWED_HEADERS = List.of("authorization", "content-type");
    /** How long a browser may cache a preflight answer. */
    public static final Duration MAX_AGE = Duration.ofHours(1);
}
