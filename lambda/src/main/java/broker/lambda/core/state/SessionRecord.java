package broker.lambda.core.state;

import broker.lambda.core.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Who an STS session belongs to: written at each {@code AssumeRole} the broker makes, read by usage attribution,
 * which sees only {@code identity.arn = arn:aws:sts::<account>:assumed-role/<role>/<RoleSessionName>} in Bedrock's
 * invocation logs. The broker's session names are a pure function of the person ({@code <name>-<subject hash>}), so
 * each issuance to a person rewrites the same record with their current name and groups.
 *
 * @param roleSessionName the session name STS was given (the key)
 * @param personKey       {@link PersonRecord#key()} of the person
 * @param subject         the OIDC subject
 * @param issuer          the issuer, or the empty string while the broker trusts one issuer
 * @param userName        the readable name at issuance
 * @param groups          the groups at issuance
 * @param issuedAt        when the broker asked STS
 * @param expiresAt       when the session ends (issuedAt + the requested duration)
 */
public record SessionRecord(String roleSessionName, String personKey, String subject, String issuer, String userName,
                            List<String> groups, Instant issuedAt, Instant expiresAt) {
    /**
     * How long a record is kept after its session ended: invocation logs arrive minutes after the call, and a
     * stalled ingestion must still attribute a backlog after an outage.
     */
    public static final Duration RETENTION_AFTER_END = Duration.ofDays(7);

    public SessionRecord {
        Require.nonNull("roleSessionName personKey subject issuer userName issuedAt expiresAt",
                roleSessionName, personKey, subject, issuer, userName, issuedAt, expiresAt);
        groups = List.copyOf(groups);
    }

    /** When the store may forget this record (the DynamoDB TTL attribute). */
    public Instant retainUntil() {
        return expiresAt.plus(RETENTION_AFTER_END);
    }
}
