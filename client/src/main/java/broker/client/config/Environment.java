package broker.client.config;

import java.util.Map;

/**
 * The process environment and the system properties the client reads; tests pass their own. {@code launcher} is the
 * absolute path of the {@code bin/bedrock-broker} (or {@code .cmd}) script that started this JVM, as the launchers
 * pass it in the {@value #LAUNCHER_PROPERTY} system property, or null when the client was started another way.
 */
public record Environment(Map<String, String> variables, String osName, String userHome, String launcher) {
    /** Set by the launchers to their own absolute path: {@code setup} writes it into settings and AWS config. */
    public static final String LAUNCHER_PROPERTY = "bedrock.broker.launcher";

    public Environment {
        variables = Map.copyOf(variables);
        osName = osName == null ? "" : osName;
        launcher = launcher == null || launcher.isBlank() ? null : launcher;
    }

    public Environment(Map<String, String> variables, String osName, String userHome) {
        this(variables, osName, userHome, null);
    }

    public static Environment system() {
        return new Environment(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"),
                System.getProperty(LAUNCHER_PROPERTY));
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
