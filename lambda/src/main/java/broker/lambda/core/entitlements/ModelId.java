package broker.lambda.core.entitlements;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bedrock model id as an entitlements document names it: a foundation model or a system-defined
 * cross-region inference profile. No wildcards, no ARNs, no application inference profiles.
 */
public sealed interface ModelId {

    /** The id as written, e.g. {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}. */
    String value();

    /** The foundation model that serves requests for this id. */
    String foundationModelId();

    /**
     * A foundation-model id such as {@code anthropic.claude-3-5-sonnet-20240620-v1:0}.
     *
     * @param value the id
     */
    record FoundationModel(String value) implements ModelId {
        @Override
        public String foundationModelId() {
            return value;
        }
    }

    /**
     * A system-defined cross-region inference profile such as {@code us.anthropic.claude-…}: the
     * geography prefix, a dot, then the foundation-model id it routes to.
     *
     * @param value             the profile id
     * @param geography         where the profile routes requests
     * @param foundationModelId the foundation model behind the profile
     */
    record InferenceProfile(String value, Geography geography, String foundationModelId) implements ModelId {}

    /**
     * Provider, dot, model name and up to two {@code :}-separated version parts, in lower case; the
     * character set keeps ids safe inside IAM ARNs (no {@code *}, {@code ?}, {@code /}, {@code $}).
     */
    Pattern FOUNDATION_MODEL = Pattern.compile("[a-z][a-z0-9-]{0,31}\\.[a-z0-9][a-z0-9-]{0,99}(:[a-z0-9]{1,16}){0,2}");

    /** The prefixes of {@link Geography}, then a dot, then a foundation-model id. */
    Pattern INFERENCE_PROFILE = Pattern.compile("(us|eu|apac|us-gov|global)\\.(.+)");

    /** The model id this text names, or empty when it is not a valid one. */
    static Optional<ModelId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher profile = INFERENCE_PROFILE.matcher(text);
        if (profile.matches() && isFoundationModel(profile.group(2))) {
            return Geography.ofPrefix(profile.group(1))
                    .map(geography -> new InferenceProfile(text, geography, profile.group(2)));
        }
        return isFoundationModel(text) ? Optional.of(new FoundationModel(text)) : Optional.empty();
    }

    private static boolean isFoundationModel(String text) {
        // A provider named like a geography ("us.foo-v1") is a profile prefix with no provider after it.
        return FOUNDATION_MODEL.matcher(text).matches()
                && Geography.ofPrefix(text.substring(0, text.indexOf('.'))).isEmpty();
    }
}
