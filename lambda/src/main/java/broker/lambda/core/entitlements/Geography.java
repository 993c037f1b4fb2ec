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

    /**
     * True when Bedrock offers this geography's profiles in the region, i.e. a request can enter them there: the
     * source regions of the geography. {@code us.} profiles are offered in the US commercial regions and Canada,
     * {@code apac.} in Asia Pacific and the Middle East (UAE), {@code global.} in every commercial region.
     */
    public boolean isSourceRegion(String region) {
        return switch (this) {
            case US -> region.startsWith("us-") && !region.startsWith("us-gov-") && !region.startsWith("us-iso")
                    || region.startsWith("ca-");
            case EU -> region.startsWith("eu-") && !region.startsWith("eu-iso");
            case APAC -> region.startsWith("ap-") || region.equals("me-central-1");
            case JP -> region.equals("ap-northeast-1") || region.equals("ap-northeast-3");
            case AU -> region.equals("ap-southeast-2") || region.equals("ap-southeast-4");
            case US_GOV -> region.startsWith("us-gov-");
            case GLOBAL -> !region.startsWith("us-gov-") && !region.startsWith("cn-") && !region.contains("-iso")
                    && !region.startsWith("eusc-");
        };
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
