package broker.lambda.core.revocation;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.identity.PrincipalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Revokes every STS session of one person issued before now, by adding them to the {@link RevocationPolicy} on
 * the Bedrock user role. Idempotent: revoking again only moves the person's cutoff to the new now. The person
 * can still get new credentials afterwards (the deny is about sessions, not people): to lock someone out,
 * remove them from the identity provider's groups too.
 */
public final class SessionRevoker {
    /** The role's inline policy the broker owns. */
    public static final String POLICY_NAME = "bedrock-broker-revocations";
    /**
     * How long an entry must stay: the broker's sessions are role-chained, which STS caps at 1 h, plus 15 min
     * for the skew between the broker's clock and AWS's.
     */
    public static final Duration RETENTION = Duration.ofMinutes(75);
    /**
     * Budget for this policy: IAM allows 10,240 characters for all inline policies of a role together, and the
     * role's own permissions take the rest (infra keeps them within 5,120 or in a managed policy).
     */
    public static final int MAX_CHARS = 5120;

    private final RoleInlinePolicy policy;
    private final Clock clock;
    private final Set<String> legacyIssuers;

    public SessionRevoker(RoleInlinePolicy policy, Clock clock) {
        this(policy, clock, Set.of());
    }

    /**
     * @param legacyIssuers issuers marked {@code legacySubjectKeys}: revoking one of their people also denies the
     *                      subject-only session suffix that brokers gave before issuer-keyed names
     */
    public SessionRevoker(RoleInlinePolicy policy, Clock clock, Set<String> legacyIssuers) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.legacyIssuers = Set.copyOf(legacyIssuers);
    }

    /**
     * Denies the sessions of this person (their {@link PrincipalId#hash()} suffix). Read-modify-write of one document: concurrent calls
     * in this process are serialized here; across processes the admin function runs with a reserved
     * concurrency of 1.
     */
    public synchronized ApiKeyOutcome revoke(PrincipalId person) {
        Instant now = clock.instant();
        Instant cutoff = RevocationPolicy.cutoffAt(now);
        String current;
        switch (policy.read()) {
            case IamResult.Done<String>(var document) -> current = document;
            case IamResult.NotFound<String> n -> current = null;
            case IamResult<String> failure -> {
                return ApiKeyOutcome.failure("GetRolePolicy", failure);
            }
        }
        RevocationPolicy next = (current == null ? RevocationPolicy.empty() : RevocationPolicy.parse(current))
                .withoutExpired(now, RETENTION)
                .revoke(person.hash(), cutoff);
        if (legacyIssuers.contains(person.issuer())) next = next.revoke(person.legacyHash(), cutoff);
        Optional<String> document = next.render(MAX_CHARS);
        if (document.isEmpty()) {
            Instant room = next.oldestCutoff().orElse(now).plus(RETENTION);
            Duration wait = Duration.between(now, room);
            return new ApiKeyOutcome.RevocationListFull(wait.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : wait);
        }
        if (document.get().equals(current)) return new ApiKeyOutcome.SessionsRevoked(cutoff);
        IamResult<Void> written = policy.write(document.get());
        if (!(written instanceof IamResult.Done<Void>)) return ApiKeyOutcome.failure("PutRolePolicy", written);
        return new ApiKeyOutcome.SessionsRevoked(cutoff);
    }
}
