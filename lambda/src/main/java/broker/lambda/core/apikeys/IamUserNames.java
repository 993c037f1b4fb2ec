package broker.lambda.core.apikeys;

import broker.lambda.core.Sha256;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.SessionNaming;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the broker names and tags the IAM user that holds a person's long-term keys: a pure function of the
 * OIDC subject (never of the user name or email, which can change), so the same person always finds the
 * same user and an admin can name them by subject.
 *
 * <p>The first candidate name is the subject itself when it already is a valid IAM user name (1-64 chars of
 * {@code [\w+=,.@-]}: UUIDs, Okta and Entra ids, Google's digits), else its sanitized rendering (at most 51
 * chars) plus {@code -} and the 12-character subject hash that also ends the person's STS SourceIdentity.
 * IAM user names ignore case and sanitizing merges characters, and two issuers may use the same subject, so
 * two principals can want the same name: every user carries an owner tag keyed on issuer + subject
 * ({@link #TAG_PRINCIPAL}), and a name whose user belongs to someone else moves on to the next candidate
 * ({@code <name>-2} … {@code <name>-5}).
 *
 * <p>Users created before issuer-keyed names carry only {@link #TAG_SUBJECT}. They still belong to the person with
 * that subject at the one issuer marked {@code legacySubjectKeys}, and are adopted (given the principal tag) when
 * that person next creates a key.
 */
public final class IamUserNames {
    /** Tag holding {@link #principalTag} of the owner: the owner tag of every user since issuer-keyed names. */
    public static final String TAG_PRINCIPAL = "bedrock-broker:principal";
    /** Tag holding the owner's issuer, for people reading the IAM console. */
    public static final String TAG_ISSUER = "bedrock-broker:issuer";
    /**
     * Tag holding the owner's subject (or {@code sha256:<hex>} of it, see {@link #ownerTag}): the owner tag of users
     * created before issuer-keyed names (see above); kept on every user for people reading the IAM console.
     */
    public static final String TAG_SUBJECT = "bedrock-broker:subject";
    /** Tag holding the owner's email, for people reading the IAM console. */
    public static final String TAG_EMAIL = "bedrock-broker:email";
    /** Tag holding the owner's user name, for people reading the IAM console. */
    public static final String TAG_USER = "bedrock-broker:user";
    /** Prefix of the tag that holds a key's label: {@code bedrock-broker:label/<key id>}. */
    public static final String LABEL_TAG_PREFIX = "bedrock-broker:label/";

    static final int MAX_NAME = 64;
    static final int MAX_CANDIDATES = 5;
    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;

    private static final Pattern IAM_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final String HASHED = "sha256:";

    private IamUserNames() {}

    /** The names to try for this subject, in order; the first one whose user is free or owned by the subject wins. */
    public static List<String> candidates(String subject) {
        String primary = primary(subject);
        List<String> names = new ArrayList<>(MAX_CANDIDATES);
        names.add(primary);
        for (int i = 2; i <= MAX_CANDIDATES; i++) {
            String suffix = "-" + i;
            names.add(primary.substring(0, Math.min(primary.length(), MAX_NAME - suffix.length())) + suffix);
        }
        return List.copyOf(names);
    }

    static String primary(String subject) {
        if (IAM_NAME.matcher(subject).matches()) return subject;
        String readable = sanitize(subject);
        return (readable.isEmpty() ? "user" : readable) + "-" + SessionNaming.subjectHash(subject);
    }

    /**
     * The issuer of the person who owns {@code user}, from its tags: {@link #TAG_ISSUER} on a user made since
     * issuer-keyed names (it carries {@link #TAG_PRINCIPAL}), else {@code legacyIssuer}, the issuer of users made before.
     */
    public static String ownerIssuer(IamUser user, String legacyIssuer) {
        String tagged = user.tags().containsKey(TAG_PRINCIPAL) ? user.tags().get(TAG_ISSUER) : null;
        return tagged == null || tagged.isEmpty() ? legacyIssuer : tagged;
    }

    /** The value of {@link #TAG_PRINCIPAL} for this principal: the hex SHA-256 of issuer and subject. */
    public static String principalTag(PrincipalId principal) {
        return principal.digestHex();
    }

    /**
     * The legacy owner tag's value: the subject itself when it fits a tag value (≤ 256 chars of IAM's tag characters),
     * else {@code sha256:} and the hex SHA-256 of its UTF-16 code units, so distinct subjects never share a value.
     */
    public static String ownerTag(String subject) {
        if (subject.length() <= MAX_TAG_VALUE && isTagText(subject) && !subject.startsWith(HASHED)) return subject;
        ByteBuffer units = ByteBuffer.allocate(2 * subject.length());
        for (int i = 0; i < subject.length(); i++) units.putChar(subject.charAt(i));
        return HASHED + HexFormat.of().formatHex(Sha256.digest(units.array()));
    }

    /** A tag value for display ({@link #TAG_EMAIL}, {@link #TAG_USER}): other characters become {@code _}, cut to 256. */
    public static String displayTag(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_TAG_VALUE).forEach(cp -> {
            String s = Character.toString(cp);
            out.append(!Character.isSupplementaryCodePoint(cp) && TAG_TEXT.matcher(s).matches() ? s : "_");
        });
        return out.length() > MAX_TAG_VALUE ? out.substring(0, MAX_TAG_VALUE) : out.toString();
    }

    /** The label tag's key for a key id, or null when it would be longer than IAM allows (ids are ~21 chars). */
    public static String labelTag(String keyId) {
        String key = LABEL_TAG_PREFIX + keyId;
        return key.length() <= MAX_TAG_KEY ? key : null;
    }

    /** True when every character is allowed in an IAM tag value (supplementary characters are not counted on). */
    public static boolean isTagText(String value) {
        return value.codePoints().noneMatch(Character::isSupplementaryCodePoint) && TAG_TEXT.matcher(value).matches();
    }

    /** Every run of characters outside {@code [\w+=,.@-]} becomes one {@code _}; at most 51 chars. */
    private static String sanitize(String subject) {
        int max = MAX_NAME - 1 - SessionNaming.HASH_LENGTH;
        StringBuilder out = new StringBuilder(max);
        boolean gap = false;
        for (int i = 0; i < subject.length() && out.length() < max; i++) {
            char c = subject.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_+=,.@-".indexOf(c) >= 0;
            if (!allowed) {
                gap = !out.isEmpty();
                continue;
            }
            if (gap && out.length() < max - 1) out.append('_');
            gap = false;
            out.append(c);
        }
        return out.toString();
    }
}
