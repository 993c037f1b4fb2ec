package broker.client.core;

import java.util.Locale;

/**
 * Why Claude Desktop runs its credential helper, from the {@code CLAUDE_HELPER_CONTEXT} variable it sets on every
 * run. Only {@link #INTERACTIVE} (the user started a session and is present) may open a browser; for every other
 * value the helper tries its silent path (cache, refresh token) and fails fast rather than wait for the user.
 */
public enum HelperContext {
    /** The user started a session and is present: an interactive sign-in is acceptable. */
    INTERACTIVE,
    /** A running session's credential expired or was rejected; the user is waiting on a turn. */
    MID_SESSION_REFRESH,
    /** A scheduled task started with no user present. */
    SCHEDULED_TASK,
    /** The configuration window's connection test. */
    SETUP_TEST,
    /** A background probe or health check. */
    BACKGROUND,
    /** A value this client does not know (a newer Desktop): treated as silent. */
    UNKNOWN,
    /** The variable is unset: someone ran the helper by hand in a terminal. */
    MANUAL;

    public static final String VARIABLE = "CLAUDE_HELPER_CONTEXT";

    /** The context named by the variable's value; null or empty means {@link #MANUAL}. */
    public static HelperContext of(String value) {
        if (value == null || value.isEmpty()) {
            return MANUAL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "interactive" -> INTERACTIVE;
            case "mid-session-refresh" -> MID_SESSION_REFRESH;
            case "scheduled-task" -> SCHEDULED_TASK;
            case "setup-test" -> SETUP_TEST;
            case "background" -> BACKGROUND;
            default -> UNKNOWN;
        };
    }

    /** Whether a sign-in in the browser may be started. */
    public boolean mayPrompt() {
        return this == INTERACTIVE || this == MANUAL;
    }
}
