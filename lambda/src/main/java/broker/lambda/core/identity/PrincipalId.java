package broker.lambda.core.identity;

import broker.lambda.core.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who a token is about, as the broker keys everything it derives: the issuer ({@code iss}) and that issuer's
 * stable subject (the configured subject claim: {@code sub} by default, {@code oid} for Entra ID). Two issuers
 * may hand out equal subject strings; their principals never share a key, hash, session suffix, IAM user or
 * revocation entry.
 *
 * @param issuer  the exact {@code iss} of the verified token; an OIDC issuer URL has no query or fragment, so
 *                it never holds {@code #}
 * @param subject the issuer's stable identifier of the person or workload; never blank
 */
public record PrincipalId(String issuer, String subject) {
    /** Length of {@link #hash()}. */
    public static final int HASH_LENGTH = 12;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    public PrincipalId {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (issuer.isBlank()) throw new IllegalArgumentException("issuer is blank");
        if (issuer.indexOf('#') >= 0) throw new IllegalArgumentException("issuer holds '#'");
        if (subject.isBlank()) throw new IllegalArgumentException("subject is blank");
    }

    /**
     * The principal as one string, {@code <issuer>#<subject>}: the key of state stores and ledgers. The first
     * {@code #} splits it again ({@link #parse}), since an issuer never holds one.
     */
    public String key() {
        return issuer + "#" + subject;
    }

    /** The principal of a {@link #key()}; throws {@link IllegalArgumentException} when {@code key} is not one. */
    public static PrincipalId parse(String key) {
        int split = key == null ? -1 : key.indexOf('#');
        if (split <= 0) throw new IllegalArgumentException("not a principal key");
        return new PrincipalId(key.substring(0, split), key.substring(split + 1));
    }

    /**
     * {@value #HASH_LENGTH} lowercase base32 characters (60 bits) of SHA-256 over the issuer's UTF-8 bytes, a
     * zero byte and the subject's bytes: the suffix of every RoleSessionName and SourceIdentity the broker sets
     * for this principal, so a revocation can match them with {@code StringLike aws:SourceIdentity "*-<hash>"}.
     */
    public String hash() {
        return base32(digest());
    }

    /**
     * The session suffix that brokers before issuer-keyed naming gave this subject (SHA-256 of the subject
     * alone): only for the migration of an issuer marked {@code legacySubjectKeys}.
     */
    public String legacyHash() {
        return subjectHash(subject);
    }

    /** The lowercase hex SHA-256 of the same bytes as {@link #hash()}: IAM owner tags and other full-width keys. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest());
    }

    private byte[] digest() {
        byte[] issuerBytes = issuer.getBytes(StandardCharsets.UTF_8);
        byte[] subjectBytes = subjectBytes(subject);
        // The zero byte never occurs in an issuer URL's UTF-8, so (issuer, subject) pairs never share bytes.
        ByteBuffer bytes = ByteBuffer.allocate(issuerBytes.length + 1 + subjectBytes.length);
        bytes.put(issuerBytes).put((byte) 0).put(subjectBytes);
        return Sha256.digest(bytes.array());
    }

    /**
     * {@value #HASH_LENGTH} lowercase base32 characters of SHA-256 over the subject's UTF-8 bytes alone, issuer
     * independent: {@link #legacyHash()}, and {@code SessionNaming.subjectHash}.
     */
    static String subjectHash(String subject) {
        return base32(Sha256.digest(subjectBytes(subject)));
    }

    /** {@value #HASH_LENGTH} lowercase base32 characters of the first 60 bits of {@code digest}. */
    static String base32(byte[] digest) {
        StringBuilder out = new StringBuilder(HASH_LENGTH);
        long bits = ByteBuffer.wrap(digest).getLong();
        for (int i = 0; i < HASH_LENGTH; i++) {
            out.append(BASE32[(int) (bits >>> (64 - 5 * (i + 1))) & 31]);
        }
        return out.toString();
    }

    static byte[] subjectBytes(String subject) {
        if (ClaimText.isWellFormedUtf16(subject)) return subject.getBytes(StandardCharsets.UTF_8);
        // UTF-8 (and Java's UTF-16 encoder) would replace every unpaired surrogate. Raw UTF-16 code units
        // are lossless, and the leading 0xFF, which never occurs in UTF-8, keeps them apart from the
        // bytes of any well-formed subject.
        ByteBuffer bytes = ByteBuffer.allocate(1 + 2 * subject.length());
        bytes.put((byte) 0xFF);
        for (int i = 0; i < subject.length(); i++) bytes.putChar(subject.charAt(i));
        return bytes.array();
    }

    @Override
    public String toString() {
        return key();
    }
}
