package broker.lambda.core;

/**
 * Presence checks for compact constructors: a record names all its required components in one call, instead of one
 * {@code Objects.requireNonNull} line each, and a missing one still fails with its name.
 */
public final class Require {
    private Require() {
    }

    /**
     * Throws a {@link NullPointerException} whose message is the name of the first null of {@code values}. The names
     * are read only then (records on hot paths call this); {@code RequireRecordsTest} keeps each caller's names in
     * step with its components.
     *
     * @param names  the values' names, separated by single spaces, in the order of {@code values}
     * @param values the values that must not be null
     * @throws IllegalArgumentException when a value is null and there are not as many names as values (a mistake in
     *                                  the caller)
     */
    public static void nonNull(String names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) throw new NullPointerException(nameAt(names, i, values.length));
        }
    }

    private static String nameAt(String names, int index, int count) {
        String[] split = names.split(" ");
        if (split.length != count) {
            throw new IllegalArgumentException(split.length + " names for " + count + " values: " + names);
        }
        return split[index];
    }
}
