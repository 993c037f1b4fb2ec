package broker.lambda.core.identity;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What STS is told about the caller: values derived from untrusted claims that always satisfy STS's
 * character sets and lengths, and differ for distinct subjects; built by {@link #of} for each
 * {@code AssumeRole} call.
 *
 * @param roleSessionName 2-64 chars of {@code [\w+=,.@-]}
 * @param sourceIdentity  2-64 chars of {@code [\w+=,.@-]}, never starting with {@code aws:}
 * @param sessionTags     at most 50 tags; keys 1-128, values 0-256 chars of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}
 */
public record StsSessionIdentity(String roleSessionName, String sourceIdentity, Map<String, String> sessionTags) {
    // STS's \w is ASCII.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_KEY_LENGTH = 128;
    static final int MAX_TAG_VALUE_LENGTH = 256;

    /**
     * @throws IllegalArgumentException when a value breaks one of STS's rules above (or a tag key starts
     *         with the reserved {@code aws:}, or two keys differ only in case)
     */
    public StsSessionIdentity {
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
        sessionTags = Map.copyOf(sessionTags);
        require(NAME.matcher(roleSessionName).matches(), "roleSessionName is not 2-64 chars of [\\w+=,.@-]");
        require(NAME.matcher(sourceIdentity).matches(), "sourceIdentity is not 2-64 chars of [\\w+=,.@-]");
        require(!startsWithAws(sourceIdentity), "sourceIdentity starts with aws:");
        require(sessionTags.size() <= MAX_TAGS, "more than 50 session tags");
        Set<String> lowerKeys = new HashSet<>();
        sessionTags.forEach((key, value) -> {
            require(!key.isEmpty() && key.length() <= MAX_TAG_KEY_LENGTH && TAG_TEXT.matcher(key).matches(),
                    "session tag key is not 1-128 allowed chars");
            require(!startsWithAws(key), "session tag key starts with aws:");
            require(lowerKeys.add(key.toLowerCase(Locale.ROOT)), "session tag keys differ only in case");
            require(value.length() <= MAX_TAG_VALUE_LENGTH && TAG_TEXT.matcher(value).matches(),
                    "session tag value is not 0-256 allowed chars");
        });
    }

    /** The deterministic STS naming of {@code identity}; see {@link SessionNaming}. */
    public static StsSessionIdentity of(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        String name = SessionNaming.sessionName(identity);
        return new StsSessionIdentity(name, name, SessionNaming.sessionTags(identity));
    }

    private static boolean startsWithAws(String value) {
        return value.regionMatches(true, 0, "aws:", 0, 4);
    }

    // Messages name the rule, never the value: values come from claims.
    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
