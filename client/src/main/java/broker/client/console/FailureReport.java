package broker.client.console;

import broker.client.core.ClientFailure;
import java.io.PrintStream;

/**
 * The one place where a {@link ClientFailure} becomes an exit code and one sentence on stderr that says what to do.
 * Exit codes: 0 success, 1 unexpected error, 2 usage or invalid setting, 3 not configured, 4 sign-in needed or failed,
 * 5 refused by the broker, 6 broker or identity provider unreachable or unavailable, 7 local file problem,
 * 9 budget exhausted (8 is the launcher's: no suitable Java; nothing is issued until the daily or monthly budget resets).
 */
public final class FailureReport {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int NOT_CONFIGURED = 3;
    public static final int LOGIN = 4;
    public static final int REFUSED = 5;
    public static final int UNAVAILABLE = 6;
    public static final int LOCAL_FILE = 7;
    public static final int BUDGET_EXHAUSTED = 9;

    private final PrintStream err;
    private final String profile;

    /** @param profile the profile in use, named in suggested commands unless it is {@code default} */
    public FailureReport(PrintStream err, String profile) {
        this.err = err;
        this.profile = profile;
    }

    /** Prints the sentence and returns the exit code. */
    public int report(ClientFailure failure) {
        err.println("bedrock-broker: " + sentence(failure));
        err.flush();
        return exitCode(failure);
    }

    public static int exitCode(ClientFailure failure) {
        return switch (failure) {
            case ClientFailure.InvalidSetting s -> USAGE;
            case ClientFailure.NotConfigured n -> NOT_CONFIGURED;
            case ClientFailure.LoginRequired l -> LOGIN;
            case ClientFailure.LoginFailed l -> LOGIN;
            case ClientFailure.TokenRejected t -> LOGIN;
            case ClientFailure.Refused r -> REFUSED;
            case ClientFailure.BudgetExhausted b -> BUDGET_EXHAUSTED;
            case ClientFailure.Unavailable u -> UNAVAILABLE;
            case ClientFailure.Unreachable u -> UNAVAILABLE;
            case ClientFailure.InvalidResponse i -> UNAVAILABLE;
            case ClientFailure.Busy b -> UNAVAILABLE;
            case ClientFailure.LocalFile f -> LOCAL_FILE;
        };
    }

    /**
     * The one sentence saying what failed and what to do. Control characters (text from a broker or an identity
     * provider could carry terminal escapes or line breaks) are shown as {@code ?}, so it stays one harmless line.
     */
    public String sentence(ClientFailure failure) {
        return printable(describe(failure));
    }

    private String describe(ClientFailure failure) {
        String p = profile == null || profile.equals("default") ? "" : " --profile " + profile;
        return switch (failure) {
            case ClientFailure.InvalidSetting(var name, var problem) -> "invalid " + name + ": " + problem + ".";
            case ClientFailure.NotConfigured(var name) -> "profile '" + name + "' is not configured. Run: bedrock-broker"
                    + " configure --url <broker URL>" + p;
            case ClientFailure.LoginRequired(var reason) -> capitalized(reason) + ". Run: bedrock-broker login" + p;
            case ClientFailure.LoginFailed(var reason) -> "login failed: " + reason + ".";
            case ClientFailure.TokenRejected(var detail) -> "the broker did not accept your sign-in"
                    + (detail == null ? "" : " (" + detail + ")") + ". Run: bedrock-broker login" + p;
            case ClientFailure.Refused(var status, var type, var title, var detail) -> "the broker refused: " + title
                    + (detail == null || detail.isBlank() ? "" : ": " + detail) + " (HTTP " + status + ")." + hint(type, p);
            case ClientFailure.BudgetExhausted(var detail, var budget, var retryAfter) -> budgetExhausted(detail, budget, retryAfter);
            case ClientFailure.Unavailable(var service, var status, var retryAfter, var title) -> service
                    + " is unavailable (HTTP " + status + (title == null || title.equals("HTTP " + status) ? "" : ", " + title)
                    + "); try again" + (retryAfter == null ? " shortly." : " in " + retryAfter.toSeconds() + " s.");
            case ClientFailure.Unreachable(var host, var cause, var message) -> switch (cause) {
                case DNS -> "cannot resolve " + host + ": check the broker URL, your network or VPN.";
                case CONNECTION -> "cannot connect to " + host + " (" + message + "): check your network, VPN or HTTPS_PROXY.";
                case TLS -> "secure connection to " + host + " failed (" + message + "); if a corporate proxy inspects"
                        + " TLS, add its CA to Java's trust store.";
                case TIMEOUT -> host + " did not answer in time (" + message + "): check your network, or raise"
                        + " BEDROCK_BROKER_TIMEOUT.";
                case PROXY -> "cannot reach " + host + " through the proxy (" + message + "): check HTTPS_PROXY and NO_PROXY.";
                case IO -> "network error talking to " + host + " (" + message + ").";
            };
            case ClientFailure.InvalidResponse(var service, var what) -> service + " sent an unexpected answer: " + what + ".";
            case ClientFailure.Busy(var waited) -> "another bedrock-broker process kept the refresh lock for over "
                    + waited.toSeconds() + " s; try again.";
            case ClientFailure.LocalFile(var path, var problem) -> "cannot use " + path + ": " + problem + ".";
        };
    }

    /** One sentence with the cap and the reset time, from the problem's budget object or else its detail. */
    private static String budgetExhausted(String detail, broker.client.core.BudgetStatus budget,
                                          java.time.Duration retryAfter) {
        if (budget != null) {
            return "your " + budget.name() + " of " + usd(budget.limit()) + " is used up (" + usd(budget.used())
                    + " spent); the broker issues credentials again at " + budget.resetsAt() + inTime(retryAfter) + ".";
        }
        String why = detail == null || detail.isBlank() ? "your budget is used up" : stripped(detail);
        return "budget exhausted: " + why + (retryAfter == null ? "." : "; the broker issues credentials again"
                + inTime(retryAfter) + ".");
    }

    private static String inTime(java.time.Duration retryAfter) {
        if (retryAfter == null) {
            return "";
        }
        long minutes = (retryAfter.toSeconds() + 59) / 60;
        return minutes < 120 ? " (in " + minutes + " min)" : " (in " + (minutes + 59) / 60 + " h)";
    }

    /** An amount in USD for a sentence: {@code $10.00}. */
    public static String usd(java.math.BigDecimal amount) {
        return "$" + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String stripped(String sentence) {
        String s = sentence.strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** What to do about a refusal, by the problem's stable type. */
    private static String hint(String type, String p) {
        if (type == null) {
            return "";
        }
        String name = type.substring(type.lastIndexOf('/') + 1);
        return switch (name) {
            case "api-key-limit" -> " Revoke a key first: bedrock-broker api-key list" + p + ", then api-key revoke <id>.";
            case "api-key-not-found" -> " See your keys with: bedrock-broker api-key list" + p;
            case "not-entitled" -> " Ask your platform team for access.";
            default -> "";
        };
    }

    static String printable(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        return out.toString();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
