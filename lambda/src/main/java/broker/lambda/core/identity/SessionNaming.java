package broker.lambda.core.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives what STS is told about a caller (the parts of {@link StsSessionIdentity#of}) from an {@link Identity}; used
 * when the credentials route builds its {@code AssumeRole} call, and by admin revocation to find a
 * user's sessions by {@link #subjectHash}.
 *
 * <p>RoleSessionName and SourceIdentity are {@code <readable>-<hash>}: an ASCII rendering of the user
 * name (at most 51 chars) and the {@value #HASH_LENGTH} base32 characters of {@link PrincipalId#hash()} (60 bits
 * of SHA-256 over issuer and subject), so distinct principals get distinct values even when their names read
 * the same or two issuers use the same subject, and CloudTrail shows who it was. Both are pure functions of the
 * identity.
 */
public final class SessionNaming {
    /** Length of {@link #subjectHash}. */
    public static final int HASH_LENGTH = PrincipalId.HASH_LENGTH;
    public static final String TAG_USER = "user";
    public static final String TAG_EMAIL = "email";
    public static final String TAG_SUBJECT = "subject";
    public static final String TAG_GROUPS = "groups";
    /** Set to {@code workload} on sessions of workload tokens; absent for people. */
    public static final String TAG_KIND = "kind";

    static final int NAME_MAX = 64;
    static final int READABLE_MAX = NAME_MAX - 1 - HASH_LENGTH;
    // Session tags count against STS's packed policy size (shared with the session policy): keep them small.
    static final int USER_TAG_MAX = 64;
    static final int EMAIL_TAG_MAX = 128;
    static final int SUBJECT_TAG_MAX = 128;
    static final int GROUPS_TAG_MAX = 256;
    static final char GROUP_SEPARATOR = ':';

    private static final Map<Integer, String> LATIN_LIGATURES = Map.ofEntries(
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "AE"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"), Map.entry((int) 'ø', "o"),
            Map.entry((int) 'Ø', "O"), Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"),
            Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"), Map.entry((int) 'þ', "th"),
            Map.entry((int) 'Þ', "TH"), Map.entry((int) 'ð', "d"), Map.entry((int) 'Ð', "D"),
            Map.entry((int) 'ı', "i"), Map.entry((int) 'ħ', "h"), Map.entry((int) 'Ħ', "H"));

    private SessionNaming() {}

    /**
     * {@value #HASH_LENGTH} lowercase base32 characters of SHA-256 over the subject's UTF-8 bytes, issuer
     * independent: the session suffix brokers gave before names were keyed on {@link PrincipalId#hash()}, still
     * denied on revocation for an issuer marked {@code legacySubjectKeys}.
     */
    public static String subjectHash(String subject) {
        return PrincipalId.subjectHash(subject);
    }

    /** RoleSessionName and SourceIdentity of {@code identity} (the two are equal). */
    static String sessionName(Identity identity) {
        String readable = asciiName(identity.userName());
        if (readable.isEmpty()) readable = asciiName(identity.subject());
        if (readable.isEmpty()) readable = "user";
        return readable + "-" + identity.principal().hash();
    }

    /**
     * An ASCII rendering in STS's {@code [\w+=,.@-]}: accents dropped (NFKD), a few Latin letters
     * spelled out, every run of other characters turned into one {@code _}, at most {@link #READABLE_MAX}.
     */
    static String asciiName(String value) {
        // NFKD can expand a character up to 18 times: bound the input first.
        String decomposed = Normalizer.normalize(ClaimText.truncate(value, 4 * READABLE_MAX), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(READABLE_MAX);
        boolean gap = false;
        for (int i = 0; i < decomposed.length() && out.length() < READABLE_MAX; ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) continue;
            String spelled = isStsNameChar(cp) ? Character.toString(cp) : LATIN_LIGATURES.get(cp);
            if (spelled == null) {
                gap = !out.isEmpty();
                continue;
            }
            if (gap) out.append('_');
            gap = false;
            out.append(spelled);
        }
        String cut = out.length() > READABLE_MAX ? out.substring(0, READABLE_MAX) : out.toString();
        return stripTrailing(cut, '_');
    }

    static boolean isStsNameChar(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                || "_+=,.@-".indexOf(cp) >= 0;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** The session tags of {@code identity}. */
    static Map<String, String> sessionTags(Identity identity) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_USER, tagValue(identity.userName(), USER_TAG_MAX));
        tags.put(TAG_EMAIL, tagValue(identity.email(), EMAIL_TAG_MAX));
        String subject = tagValue(identity.subject(), SUBJECT_TAG_MAX + 1);
        tags.put(TAG_SUBJECT, subject.length() > SUBJECT_TAG_MAX ? "sha256:" + subjectHash(identity.subject()) : subject);
        tags.put(TAG_GROUPS, groupsTag(identity.groups()));
        // Lets a policy or a usage report tell CI and cluster sessions from people's.
        if (identity.isWorkload()) tags.put(TAG_KIND, "workload");
        return tags;
    }

    /** Groups joined by {@code :} (which a name therefore cannot hold), cut after the last whole group that fits. */
    static String groupsTag(List<String> groups) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String group : groups) {
            String value = tagValue(group, GROUPS_TAG_MAX + 1).replace(GROUP_SEPARATOR, '_');
            if (value.isBlank()) continue;
            int added = value.length() + (kept.isEmpty() ? 0 : 1);
            if (length + added > GROUPS_TAG_MAX) break;
            kept.add(value);
            length += added;
        }
        return String.join(String.valueOf(GROUP_SEPARATOR), kept);
    }

    /**
     * {@code value} in STS's tag value set {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}, NFC, at most {@code max}
     * chars; any other character becomes {@code _}. Characters outside the Basic Multilingual Plane are
     * replaced too: STS documents its character classes, not how it counts surrogate pairs.
     */
    static String tagValue(String value, int max) {
        String composed = Normalizer.normalize(ClaimText.truncate(value, 4 * max), Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(Math.min(composed.length(), max));
        for (int i = 0; i < composed.length() && out.length() < max; ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            out.append(isTagChar(cp) ? (char) cp : '_');
        }
        return out.toString();
    }

    static boolean isTagChar(int cp) {
        if (Character.isSupplementaryCodePoint(cp)) return false;
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.SPACE_SEPARATOR -> true;
            default -> "_.:/=+-@".indexOf(cp) >= 0;
        };
    }

    private static String stripTrailing(String value, char c) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == c) end--;
        return value.substring(0, end);
    }
}
