package broker.lambda.core.entitlements;

import java.util.Optional;

/**
 * The geography of a system-defined cross-region inference profile, named by the prefix of its id
 * ({@code us.anthropic.claude-…}); the profile routes each request to a region of that geography
 * ({@link #GLOBAL}: to any commercial region).
 */
public enum Geography {
    US("us"),
    EU("eu"),
    APAC("apac"),
    /** Japan: Tokyo and Osaka. */
    JP("jp"),
    /** Australia: Sydney and Melbourne. */
    AU("au"),
    US_GOV("us-gov"),
    GLOBAL("global");

    private final String prefix;

    Geography(String prefix) {
        this.prefix = prefix;
    }

    /** The id prefix without its dot, e.g. {@code us-gov}. */
    public String prefix() {
        return prefix;
    }

    /** The geography whose prefix this is, or empty when it is none. */
    public static Optional<Geography> ofPrefix(String prefix) {
        for (Geography geography : values()) {
            if (geography.prefix.equals(prefix)) {
                return Optional.of(geography);
            }
        }
        return Optional.empty();
    }
}
