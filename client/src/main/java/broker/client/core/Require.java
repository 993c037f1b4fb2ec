package broker.client.core;

/**
 * Argument checks for record constructors. The shape checks are plain loops, no regular expressions: they run on the
 * cache-hit path. Their messages name the field, never its value (which may be a secret).
 */
final class Require {
    /** Base64 (standard and URL-safe) and the separators of the tokens we are handed. */
    private static final String TOKEN_PUNCTUATION = "+/=_-.";

    private Require() {
    }

    static String nonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    /**
     * 1 to {@code max} letters, digits and {@code + / = _ - .}: what STS key ids, secrets and session tokens and
     * Bedrock API keys are made of. Anything else (a line break, a bracket, a quote, a control character) would change
     * the meaning of the INI, JSON or shell text they are written into.
     */
    static String token(String value, String name, int max) {
        nonBlank(value, name);
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_PUNCTUATION.indexOf(c) >= 0)) {
                throw new IllegalArgumentException(name + " has a character outside letters, digits and " + TOKEN_PUNCTUATION);
            }
        }
        return value;
    }

    /** 1 to 128 letters and digits: the shape of an AWS access key id ({@code ASIA…}). */
    static String accessKeyId(String value, String name) {
        token(value, name, 128);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException(name + " has a character other than letters and digits");
            }
        }
        return value;
    }

    /** An ISO-8601 instant's characters ({@code 2026-12-07T22:00:00Z}, with fraction or offset), 20 to 35 of them. */
    static String instant(String value, String name) {
        nonBlank(value, name);
        if (value.length() < 20 || value.length() > 35 || value.charAt(4) != '-' || value.charAt(10) != 'T') {
            throw new IllegalArgumentException(name + " is not an ISO-8601 instant");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || "-:.TZ+".indexOf(c) >= 0)) {
                throw new IllegalArgumentException(name + " is not an ISO-8601 instant");
            }
        }
        return value;
    }

    /** Empty, or an AWS region name ({@link RegionNames#valid}). */
    static String region(String value, String name) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && !RegionNames.valid(value)) {
            throw new IllegalArgumentException(name + " is not a region name");
        }
        return value;
    }
}
