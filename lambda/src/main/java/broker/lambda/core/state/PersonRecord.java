package broker.lambda.core.state;

import broker.lambda.core.Require;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A person the broker has issued to, with their last issuance: written at every issuance (credentials, bearer
 * tokens, long-term keys), read by the admin routes to tell a known person from a typo ({@code person-not-found})
 * and to resolve an email to a subject, and by jobs that need "last seen" (key reconciliation).
 *
 * @param key          the person's key in the state store; see {@link #keyOf(Identity)}
 * @param subject      the issuer's stable subject (the issuer's configured subject claim)
 * @param issuer       the issuer that vouched for them (records written before issuer-keyed names hold the empty
 *                     string; nothing reads those by key any more)
 * @param userName     the readable name at the last issuance
 * @param email        the email at the last issuance, or the empty string
 * @param groups       the groups at the last issuance
 * @param subjectHash  {@link PrincipalId#hash}: the suffix of every SourceIdentity of this person
 * @param lastKind     what was issued last
 * @param lastIssuedAt when
 */
public record PersonRecord(String key, String subject, String issuer, String userName, String email,
                           List<String> groups, String subjectHash, IssuanceKind lastKind, Instant lastIssuedAt) {
    public PersonRecord {
        Require.nonNull("key subject issuer userName email subjectHash lastKind lastIssuedAt",
                key, subject, issuer, userName, email, subjectHash, lastKind, lastIssuedAt);
        if (key.isEmpty()) throw new IllegalArgumentException("key is empty");
        groups = List.copyOf(groups);
    }

    /** The record of an issuance of {@code kind} to {@code identity} at {@code at}. */
    public static PersonRecord of(Identity identity, IssuanceKind kind, Instant at) {
        return new PersonRecord(keyOf(identity), identity.subject(), identity.issuer(), identity.userName(),
                identity.email(), identity.groups(), identity.principal().hash(), kind, at);
    }

    /** The person's key in the state store: {@link PrincipalId#key()}, the one owner key of the broker. */
    public static String keyOf(Identity identity) {
        return identity.principal().key();
    }

    /** How an email is compared: case-insensitively, as mail systems treat the domain and most treat the rest. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
