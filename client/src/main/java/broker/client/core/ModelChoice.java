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

    /** The broker's recommendation when the list holds it, else the newest model of the first family that has one. */
    public static ModelChoice from(UsableModels list) {
        return new ModelChoice(pick(list, list.recommendedPrimary(), PRIMARY_FAMILIES),
                pick(list, list.recommendedFast(), FAST_FAMILIES));
    }

    private static String pick(UsableModels list, String recommended, List<String> families) {
        if (!recommended.isEmpty() && list.lists(recommended)) {
            return recommended;
        }
        for (String family : families) {
            Optional<UsableModels.Model> newest = list.models().stream()
                    .filter(model -> name(model).contains(family))
                    .max(Comparator.comparing(ModelChoice::name).thenComparing(UsableModels.Model::id));
            if (newest.isPresent()) {
                return newest.get().id();
            }
        }
        return "";
    }

    /** The foundation model id (dated, so that the newest sorts last), or the id when the broker gave none. */
    private static String name(UsableModels.Model model) {
        return (model.foundationModel().isEmpty() ? model.id() : model.foundationModel()).toLowerCase(Locale.ROOT);
    }
}
