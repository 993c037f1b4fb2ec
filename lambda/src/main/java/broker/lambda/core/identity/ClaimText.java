package broker.lambda.core.identity;

/**
 * Cleaning of untrusted claim text: removes characters that corrupt logs, terminals and UIs, and bounds
 * the length without splitting a surrogate pair.
 */
final class ClaimText {
    private ClaimText() {}

    /**
     * Whether {@code codePoint} is removed from claim values: C0/C1 controls, unpaired surrogates, line and
     * paragraph separators, and the bidirectional controls of CVE-2021-42574 ("Trojan Source").
     */
    static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            default -> isBidiControl(codePoint);
        };
    }

    private static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** True when {@code value} has no unpaired surrogate, so UTF-8 encodes it without loss. */
    static boolean isWellFormedUtf16(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.getType(cp) == Character.SURROGATE) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /** True when {@code value} holds no character that {@link #clean} would remove. */
    static boolean isClean(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isUnsafe(cp)) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * {@code value} without unsafe characters, stripped of surrounding white space, and cut to at most
     * {@code maxChars} UTF-16 units on a code point boundary; the empty string for {@code null}.
     * Stops reading once the result is full, so a huge value costs no more than a short one.
     */
    static String clean(String value, int maxChars) {
        return cut(value, maxChars).text();
    }

    /**
     * Like {@link #clean}, but {@code null} when the cleaned value is longer than {@code maxChars}, for
     * values that must be dropped rather than truncated.
     */
    static String cleanOrNullIfLonger(String value, int maxChars) {
        Cut cut = cut(value, maxChars);
        return cut.complete() ? cut.text() : null;
    }

    private record Cut(String text, boolean complete) {}

    private static Cut cut(String value, int maxChars) {
        if (value == null) return new Cut("", true);
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxChars));
        int i = skipBlank(value, 0);
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            if (!isUnsafe(cp)) {
                if (out.length() + Character.charCount(cp) > maxChars) {
                    // Only trailing white space may be cut off from a complete value.
                    return new Cut(out.toString().strip(), skipBlank(value, i) == value.length());
                }
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return new Cut(out.toString().strip(), true);
    }

    /** Index of the first code point at or after {@code from} that is neither white space nor unsafe. */
    private static int skipBlank(String value, int from) {
        int i = from;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            if (!isUnsafe(cp) && !Character.isWhitespace(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The longest prefix of {@code value} with at most {@code maxChars} UTF-16 units that ends on a code point. */
    static String truncate(String value, int maxChars) {
        if (value.length() <= maxChars) return value;
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1)) && Character.isLowSurrogate(value.charAt(end))) {
            end--;
        }
        return value.substring(0, end);
    }
}
