package broker.lambda.core.entitlements;

import broker.lambda.core.KebabNames;
import java.util.Optional;

/**
 * The geography of a system-defined cross-region inference profile, named by the prefix of its id
 * ({@code us.anthropic.claude-…}); the profile routes each request to a region of that geography
 * ({@link #GLOBAL}: to any commercial region).
 */
public enum Geography {
    US,
    EU,
    APAC,
    /** Japan: Tokyo and Osaka. */
    JP,
    /** Australia: Sydney and Melbourne. */
    AU,
    US_GOV,
    GLOBAL;

    // Read at every policy build and id parse: computed once.
    private final String prefix = KebabNames.of(this);

    /** The id prefix without its dot: the {@link KebabNames kebab name}, e.g. {@code us-gov}. */
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
        return KebabNames.parse(Geography.class, prefix);
    }
}
