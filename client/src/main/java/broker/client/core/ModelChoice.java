package broker.client.core;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model ids for {@code ANTHROPIC_MODEL} and the fast-model variables; an empty string means "set none". From the
 * caller's own list ({@link #from(UsableModels)}) every id is one the list holds; from the client-config
 * ({@link #of(BrokerSettings)}) they are the broker's general recommendation.
 */
public record ModelChoice(String primary, String fast) {
    /** Families tried in order when the broker recommends no primary model (or one the list does not hold). */
    private static final List<String> PRIMARY_FAMILIES = List.of("sonnet", "opus", "claude");
    private static final List<String> FAST_FAMILIES = List.of("haiku");

    public ModelChoice {
        primary = primary == null ? "" : primary;
        fast = fast == null ? "" : fast;
    }

    /** The stored client-config's recommendations ({@code models.primary} / {@code models.fast}). */
    public static ModelChoice of(BrokerSettings broker) {
        return new ModelChoice(broker.primaryModel(), broker.fastModel());
    }

    /**
     * The broker's recommendation when the list holds it, else the newest model of the first family that has one. A
     * list made without Bedrock's model catalog ({@code source} other than {@value #CATALOG}) cannot show that a bare
     * foundation-model id is offered on demand (most current models are offered only through inference profiles, and
     * Claude Code then fails with "on-demand throughput isn't supported"), so from such a list only inference-profile
     * ids are chosen, as the broker's own recommendation does (issue 17 §4).
     */
    public static ModelChoice from(UsableModels list) {
        return new ModelChoice(pick(list, list.recommendedPrimary(), PRIMARY_FAMILIES),
                pick(list, list.recommendedFast(), FAST_FAMILIES));
    }

    private static String pick(UsableModels list, String recommended, List<String> families) {
        if (!recommended.isEmpty() && list.lists(recommended)) {
            return recommended;
        }
        boolean catalog = CATALOG.equals(list.source());
        for (String family : families) {
            Optional<UsableModels.Model> newest = list.models().stream()
                    .filter(model -> catalog || !bare(model))
                    .filter(model -> name(model).contains(family))
                    .max(Comparator.comparing(ModelChoice::name).thenComparing(UsableModels.Model::id));
            if (newest.isPresent()) {
                return newest.get().id();
            }
        }
        return "";
    }

    /** The {@code source} of a list made from Bedrock's model catalog, whose ids are known to be invocable. */
    static final String CATALOG = "catalog";

    /** A bare foundation-model id: the id to invoke is the foundation model itself (no inference profile). */
    private static boolean bare(UsableModels.Model model) {
        return model.foundationModel().isEmpty() ? !PROFILE_ID.matcher(model.id()).find()
                : model.id().equals(model.foundationModel());
    }

    /** An inference-profile id or ARN: a geography prefix before the provider, or an ARN. */
    private static final java.util.regex.Pattern PROFILE_ID =
            java.util.regex.Pattern.compile("^(arn:|(us|eu|apac|global|jp|au|ca|us-gov)\\.)");

    /** The foundation model id (dated, so that the newest sorts last), or the id when the broker gave none. */
    private static String name(UsableModels.Model model) {
        return (model.foundationModel().isEmpty() ? model.id() : model.foundationModel()).toLowerCase(Locale.ROOT);
    }
}
