package broker.lambda.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names documents and ids give enum constants: the constant's name in lower case, {@code -} for {@code _}
 * ({@code US_GOV} is {@code us-gov}, {@code IN_REGION} is {@code in-region}).
 */
public final class KebabNames {
    private KebabNames() {
    }

    /** The name of {@code constant}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} named {@code name} (exactly, case included), or empty when none is. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(type.cast(BY_NAME.get(type).get(name)));
    }

    // Model ids are parsed at every policy build: each enum's names are computed once, not at every lookup.
    private static final ClassValue<Map<String, Enum<?>>> BY_NAME = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> byName = new HashMap<>();
            for (Object constant : type.getEnumConstants()) byName.put(of((Enum<?>) constant), (Enum<?>) constant);
            return Map.copyOf(byName);
        }
    };
}
