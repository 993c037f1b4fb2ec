package broker.client.core;

/** Argument checks for record constructors. */
final class Require {
    private Require() {
    }

    static String nonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
