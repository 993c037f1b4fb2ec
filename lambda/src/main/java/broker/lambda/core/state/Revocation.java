package broker.lambda.core.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A revocation the broker keeps in its state store and renders into the Bedrock user role's deny policy: every
 * session issued before {@link #cutoff()} (of one person, or of everyone) is denied everything. Stored first, then
 * rendered, so an answer of 200 means it survives whatever IAM's eventual consistency shows a later writer.
 */
public sealed interface Revocation {
    /**
     * How long a revocation must be kept: the broker's sessions are role-chained, which STS caps at 1 h, plus
     * 15 min for the skew between the broker's clock and AWS's. After that no session it denies still lives.
     */
    Duration RETENTION = Duration.ofMinutes(75);

    /** Sessions issued before this instant are denied. */
    Instant cutoff();

    /** Who asked (the admin's subject, or {@code budget} for an automatic cut-off); for the audit trail. */
    String revokedBy();

    /** When the store may forget it (the DynamoDB TTL attribute). */
    default Instant retainUntil() {
        return cutoff().plus(RETENTION);
    }

    /** True while a session it denies may still be alive. */
    default boolean activeAt(Instant now) {
        return retainUntil().isAfter(now);
    }

    /**
     * The sessions of one person: every SourceIdentity ending in {@code -<subjectHash>}.
     *
     * @param subjectHash 12 base32 characters ({@code SessionNaming.subjectHash})
     * @param personKey   the person's {@link PersonRecord#key()}, for the audit trail (the hash is what is denied)
     */
    record OfPerson(String subjectHash, String personKey, Instant cutoff, String revokedBy) implements Revocation {
        private static final Pattern HASH = Pattern.compile("[a-z2-7]{12}");

        public OfPerson {
            Objects.requireNonNull(subjectHash, "subjectHash");
            Objects.requireNonNull(personKey, "personKey");
            Objects.requireNonNull(cutoff, "cutoff");
            Objects.requireNonNull(revokedBy, "revokedBy");
            if (!HASH.matcher(subjectHash).matches()) throw new IllegalArgumentException("not a subject hash");
        }

        /** The {@code aws:SourceIdentity} pattern this revocation denies. */
        public String sourceIdentityPattern() {
            return "*-" + subjectHash;
        }
    }

    /** Break-glass: every session of the Bedrock user role issued before the cutoff, whoever holds it. */
    record OfEveryone(Instant cutoff, String revokedBy) implements Revocation {
        /** The {@code aws:SourceIdentity} pattern this revocation denies (any, including none). */
        public static final String SOURCE_IDENTITY_PATTERN = "*";

        public OfEveryone {
            Objects.requireNonNull(cutoff, "cutoff");
            Objects.requireNonNull(revokedBy, "revokedBy");
        }
    }
}
