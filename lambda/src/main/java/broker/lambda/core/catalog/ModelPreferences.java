package broker.lambda.core.catalog;

import java.util.List;

/**
 * Which usable model to recommend for Claude Code's main model and its small/fast model: the first entry (an exact id
 * or a family) that names one of the caller's usable models wins.
 *
 * @param primary in order, for {@code ANTHROPIC_MODEL}
 * @param fast    in order, for {@code ANTHROPIC_SMALL_FAST_MODEL}
 */
public record ModelPreferences(List<String> primary, List<String> fast) {
    /** Current Claude models first, older ones after. */
    public static final ModelPreferences DEFAULT = new ModelPreferences(
            List.of("anthropic.claude-sonnet-4-5*", "anthropic.claude-sonnet-4*", "anthropic.claude-opus-4*",
                    "anthropic.claude-3-7-sonnet*"),
            List.of("anthropic.claude-haiku-4-5*", "anthropic.claude-3-5-haiku*", "anthropic.claude-3-haiku*"));

    public ModelPreferences {
        primary = List.copyOf(primary);
        fast = List.copyOf(fast);
    }

    /** These preferences with an exact id tried first (when not empty). */
    public ModelPreferences first(String primaryId, String fastId) {
        return new ModelPreferences(prepend(primaryId, primary), prepend(fastId, fast));
    }

    private static List<String> prepend(String id, List<String> rest) {
        if (id == null || id.isBlank()) return rest;
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), rest.stream()).toList();
    }
}
