package broker.client.core;

import java.time.Duration;

/**
 * Why the client could not deliver what was asked. Mapped in one place ({@code console.FailureReport}) to an exit code and
 * one sentence with the fix.
 */
public sealed interface ClientFailure {
    /** The profile has never been configured: there is no broker URL. */
    record NotConfigured(String profile) implements ClientFailure {}

    /** There are no usable sign-in tokens (never logged in, logged out, or the refresh token was rejected). */
    record LoginRequired(String reason) implements ClientFailure {}

    /** An interactive login did not complete (cancelled, denied, timed out, or the ID token failed verification). */
    record LoginFailed(String reason) implements ClientFailure {}

    /** The broker did not accept the ID token (HTTP 401); a token refresh and one retry come first. */
    record TokenRejected(String detail) implements ClientFailure {}

    /** The broker refused the request with a problem+json answer (4xx other than 401 and 429). */
    record Refused(int status, String type, String title, String detail) implements ClientFailure {}

    /**
     * The person's spend reached a budget cap (problem {@code budget-exhausted}, HTTP 429): nothing is issued until the
     * reset; never retried and no cached credentials hide it.
     *
     * @param detail     the broker's sentence (names the cap and the reset), or null
     * @param budget     the problem's {@code budget} object, or null when it carried none
     * @param retryAfter until the reset ({@code Retry-After}), or null
     */
    record BudgetExhausted(String detail, BudgetStatus budget, Duration retryAfter) implements ClientFailure {}

    /** The broker or the identity provider is overloaded or failing (429, 5xx); retry after {@code retryAfter} if known. */
    record Unavailable(String service, int status, Duration retryAfter, String title) implements ClientFailure {}

    /** No HTTP answer at all: name resolution, connection, TLS or timeout. */
    record Unreachable(String host, Network cause, String message) implements ClientFailure {}

    /** An answer that is not the documented shape (also an identity provider error answer we do not know). */
    record InvalidResponse(String service, String what) implements ClientFailure {}

    /** Another process held the refresh lock for longer than we wait. */
    record Busy(Duration waited) implements ClientFailure {}

    /** A local file could not be read or written. */
    record LocalFile(String path, String problem) implements ClientFailure {}

    /** A flag, environment variable or setting has a value the client cannot use. */
    record InvalidSetting(String name, String problem) implements ClientFailure {}

    /** Kinds of network failure, each with its own advice. */
    enum Network { DNS, CONNECTION, TLS, TIMEOUT, PROXY, IO }
}
