package broker.lambda.core;

import java.util.Locale;
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
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(name)) return Optional.of(constant);
        }
        return Optional.empty();
    }
}
