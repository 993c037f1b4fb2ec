package broker.lambda.core.entitlements;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Bedrock model id as an entitlements document names it: a foundation model, a system-defined
 * cross-region inference profile, or a {@link Family} pattern that stands for every such id it matches in the
 * model catalog. No ARNs, no application inference profiles.
 */
public sealed interface ModelId {

    /** The id as written, e.g. {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}. */
    String value();

    /** The foundation model that serves requests for this id. */
    String foundationModelId();

    /**
     * True when this entry stands for {@code id}: the same id, or a {@link Family} that matches it. A family matches
     * nothing but exact ids (and its own text).
     */
    default boolean covers(String id) {
        return value().equals(id);
    }

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
     * A model family such as {@code anthropic.claude-sonnet-4-5*}: {@code *} stands for any run of characters in
     * the model name. Without a geography prefix it matches the foundation models whose id matches and every
     * cross-region inference profile of those models ({@code us.…}, {@code global.…}); with a prefix
     * ({@code eu.anthropic.claude-*}) only the profiles of that geography. The model catalog resolves a family to
     * the ids Bedrock offers in the entitled regions; without the catalog it becomes an ARN wildcard.
     *
     * @param value             the pattern as written
     * @param geography         the geography of the prefix, or null when the pattern has none
     * @param foundationModelId the pattern of the foundation-model ids, without the prefix
     */
    record Family(String value, Geography geography, String foundationModelId) implements ModelId {
        @Override
        public boolean covers(String id) {
            if (value.equals(id)) return true;
            return switch (ModelId.parse(id).orElse(null)) {
                case FoundationModel model -> geography == null && matches(model.value());
                case InferenceProfile profile -> (geography == null || geography == profile.geography())
                        && matches(profile.foundationModelId());
                case Family family -> false;
                case null -> false;
            };
        }

        /** True when the foundation-model id matches this family's model pattern. */
        public boolean matches(String foundationModel) {
            return Pattern.matches(Arrays.stream(foundationModelId.split("\\*", -1))
                    .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                    .collect(Collectors.joining(".*")), foundationModel);
        }
    }

    /**
     * Provider, dot, model name and up to two {@code :}-separated version parts, in lower case; the
     * character set keeps ids safe inside IAM ARNs (no {@code *}, {@code ?}, {@code /}, {@code $}).
     */
    Pattern FOUNDATION_MODEL = Pattern.compile("[a-z][a-z0-9-]{0,31}\\.[a-z0-9][a-z0-9-]{0,99}(:[a-z0-9]{1,16}){0,2}");

    /** A foundation-model id with at least one {@code *} in its model name or version, and never two in a row. */
    Pattern FAMILY = Pattern.compile("(?!.*\\*\\*)(?=.*\\*)[a-z][a-z0-9-]{0,31}\\.[a-z0-9*][a-z0-9*-]{0,99}(:[a-z0-9*]{1,16}){0,2}");

    /** The prefixes of {@link Geography}, then a dot, then a foundation-model id. */
    Pattern INFERENCE_PROFILE = Pattern.compile("(us|eu|apac|jp|au|us-gov|global)\\.(.+)");

    /** The model id this text names, or empty when it is not a valid one. */
    static Optional<ModelId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher profile = INFERENCE_PROFILE.matcher(text);
        if (profile.matches()) {
            String model = profile.group(2);
            Optional<Geography> geography = Geography.ofPrefix(profile.group(1));
            if (geography.isPresent() && isFoundationModel(model)) {
                return Optional.of(new InferenceProfile(text, geography.get(), model));
            }
            if (geography.isPresent() && isFamily(model)) {
                return Optional.of(new Family(text, geography.get(), model));
            }
        }
        if (isFoundationModel(text)) return Optional.of(new FoundationModel(text));
        if (isFamily(text)) return Optional.of(new Family(text, null, text));
        return Optional.empty();
    }

    private static boolean isFoundationModel(String text) {
        return FOUNDATION_MODEL.matcher(text).matches() && !startsWithGeography(text);
    }

    private static boolean isFamily(String text) {
        return FAMILY.matcher(text).matches() && !startsWithGeography(text);
    }

    /** A provider named like a geography ("us.foo-v1") is a profile prefix with no provider after it. */
    private static boolean startsWithGeography(String text) {
        return Geography.ofPrefix(text.substring(0, text.indexOf('.'))).isPresent();
    }
}
