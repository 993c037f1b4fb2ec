package broker.lambda.core.apikeys;

import broker.lambda.core.Sha256;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.SessionNaming;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>{@link #TAG_ISSUER} and {@link #TAG_SUBJECT} cannot always hold the owner: IAM refuses {@code |} (every Auth0
 * subject), {@code ~}, {@code ?}, {@code %}, {@code &} and more. So every user also carries the exact owner
 * ({@link #exactOwnerTags}): the UTF-8 of issuer and subject in base64url without padding, cut into values of at most
 * 256 chars under {@code bedrock-broker:owner-issuer/0..} and {@code bedrock-broker:owner-subject/0..}. {@link #owner}
 * reads it back and trusts it only when it hashes to {@link #TAG_PRINCIPAL}.
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
    /** Prefix of the tags holding the owner's issuer exactly ({@link #exactOwnerTags}): {@code <prefix>0}, {@code 1}, … */
    public static final String OWNER_ISSUER_TAG_PREFIX = "bedrock-broker:owner-issuer/";
    /** Prefix of the tags holding the owner's subject exactly ({@link #exactOwnerTags}): {@code <prefix>0}, {@code 1}, … */
    public static final String OWNER_SUBJECT_TAG_PREFIX = "bedrock-broker:owner-subject/";
    /**
     * Most tags each of issuer and subject may take (1024 base64url chars, 768 UTF-8 bytes; OIDC subjects have at most
     * 255 ASCII chars): with the 5 owner and display tags and the label tags, well within IAM's 50 tags per user.
     */
    public static final int MAX_OWNER_CHUNKS = 4;
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

    /**
     * The tags that hold {@code owner} exactly (see the class comment), or empty when issuer or subject needs more than
     * {@value #MAX_OWNER_CHUNKS} tags: such an owner gets no user rather than a partial record.
     */
    public static Optional<Map<String, String>> exactOwnerTags(PrincipalId owner) {
        Map<String, String> tags = new LinkedHashMap<>();
        return chunks(owner.issuer(), OWNER_ISSUER_TAG_PREFIX, tags) && chunks(owner.subject(), OWNER_SUBJECT_TAG_PREFIX, tags)
                ? Optional.of(Collections.unmodifiableMap(tags)) : Optional.empty();
    }

    /** True for the keys {@link #exactOwnerTags} may write. */
    public static boolean isExactOwnerTag(String key) {
        return key.startsWith(OWNER_ISSUER_TAG_PREFIX) || key.startsWith(OWNER_SUBJECT_TAG_PREFIX);
    }

    /**
     * Who owns {@code user}, when that is known exactly:
     * <ul>
     *   <li>a user with exact owner tags: the principal they spell, only if its digest is {@link #TAG_PRINCIPAL}
     *       (tags edited by hand, cut short or mixed from two owners are refused, never half-read);</li>
     *   <li>a user from before them: {@link #ownerIssuer} and {@link #TAG_SUBJECT} when the subject tag is not hashed,
     *       and, if the user carries {@link #TAG_PRINCIPAL}, only if that pair hashes to it (an issuer tag with
     *       characters replaced by {@code _} does not);</li>
     *   <li>else empty: a hashed subject cannot be read back, and a made-up owner is worse than none.</li>
     * </ul>
     */
    public static Optional<PrincipalId> owner(IamUser user, String legacyIssuer) {
        Map<String, String> tags = user.tags();
        String principal = tags.get(TAG_PRINCIPAL);
        if (tags.keySet().stream().anyMatch(IamUserNames::isExactOwnerTag)) {
            Optional<String> issuer = joined(tags, OWNER_ISSUER_TAG_PREFIX);
            Optional<String> subject = joined(tags, OWNER_SUBJECT_TAG_PREFIX);
            if (principal == null || issuer.isEmpty() || subject.isEmpty()) return Optional.empty();
            return principalOf(issuer.get(), subject.get()).filter(p -> principal.equals(principalTag(p)));
        }
        String subject = tags.get(TAG_SUBJECT);
        if (subject == null || subject.isEmpty() || subject.startsWith(HASHED)) return Optional.empty();
        return principalOf(ownerIssuer(user, legacyIssuer), subject)
                .filter(p -> principal == null || principal.equals(principalTag(p)));
    }

    /** Appends {@code value}'s tags under {@code prefix}; false when it needs more than {@value #MAX_OWNER_CHUNKS}. */
    private static boolean chunks(String value, String prefix, Map<String, String> into) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        int count = (encoded.length() + MAX_TAG_VALUE - 1) / MAX_TAG_VALUE;
        if (count > MAX_OWNER_CHUNKS) return false;
        for (int i = 0; i < count; i++) {
            into.put(prefix + i, encoded.substring(i * MAX_TAG_VALUE, Math.min(encoded.length(), (i + 1) * MAX_TAG_VALUE)));
        }
        return true;
    }

    /**
     * The value spelled by {@code <prefix>0..n}: every key under the prefix must be one of a gapless run from 0 of at
     * most {@value #MAX_OWNER_CHUNKS}, every chunk but the last full, and the whole valid base64url of valid UTF-8.
     */
    private static Optional<String> joined(Map<String, String> tags, String prefix) {
        long present = tags.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        if (present == 0 || present > MAX_OWNER_CHUNKS) return Optional.empty();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < present; i++) {
            String chunk = tags.get(prefix + i);
            if (chunk == null || chunk.isEmpty() || (i < present - 1 && chunk.length() != MAX_TAG_VALUE)) return Optional.empty();
            encoded.append(chunk);
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded.toString());
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The principal, or empty when the pair is not one (a blank part, an issuer with {@code #}). */
    private static Optional<PrincipalId> principalOf(String issuer, String subject) {
        try {
            return Optional.of(new PrincipalId(issuer, subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
