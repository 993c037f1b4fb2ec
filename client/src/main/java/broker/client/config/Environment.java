package broker.client.config;

import java.util.Map;

/** The process environment and the two system properties the client reads; tests pass their own. */
public record Environment(Map<String, String> variables, String osName, String userHome) {
    public Environment {
        variables = Map.copyOf(variables);
        osName = osName == null ? "" : osName;
    }

    public static Environment system() {
        return new Environment(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The variable's value, or null when unset or empty. */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean isWindows() {
        return osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** True for 1, true, yes, on (any case). */
    public boolean flag(String name) {
        String value = get(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
