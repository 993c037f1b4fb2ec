package broker.lambda.core.revocation;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.state.Revocation;
import broker.lambda.core.state.RevocationStore;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Revokes STS sessions (one person's, or everyone's) issued before now, durably: the revocation is first stored in the
 * broker's state ({@link RevocationStore}, a conditional write that only moves a cutoff forward), then the deny policy
 * on the Bedrock user role is rendered from the store and written, and IAM is read back until it shows the
 * revocation. IAM is eventually consistent: a read right after a write may return an older document, so the policy is
 * never edited from what IAM shows alone (that lost the first of two revocations a second apart); what IAM shows is
 * only merged in (entries written before the store existed, statements of others). One writer at a time holds the
 * store's lease while it writes and reads back, so a slow writer's older document cannot land after a newer one.
 *
 * <p>Idempotent: revoking again moves the cutoff to the new now. The person can still get new credentials afterwards
 * (the deny is about sessions, not people): to lock someone out, remove them from the identity provider's groups too.
 */
public final class SessionRevoker {
    /** The role's inline policy the broker owns. */
    public static final String POLICY_NAME = "bedrock-broker-revocations";
    /** How long an entry must stay; see {@link Revocation#RETENTION}. */
    public static final Duration RETENTION = Revocation.RETENTION;
    /**
     * Budget for this policy: IAM allows 10,240 characters for all inline policies of a role together, and the
     * role's own permissions take the rest (infra keeps them within 5,120 or in a managed policy).
     */
    public static final int MAX_CHARS = 5120;
    /** The store's lease that serializes writers of the policy. */
    static final String LEASE = "revocation-policy";

    /**
     * How long a revocation may take to show in IAM before the answer is 503 (it stays stored, and the next revocation
     * or a retry writes it again), and the first wait between reads of IAM (doubled up to 2 s).
     */
    public record PublishBudget(Duration total, Duration firstWait) {
        /** IAM usually shows a change within a few seconds; the admin function's 20 s timeout leaves room for 15. */
        public static final PublishBudget DEFAULT = new PublishBudget(Duration.ofSeconds(15), Duration.ofMillis(200));

        public PublishBudget {
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(firstWait, "firstWait");
        }
    }

    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final RevocationStore store;
    private final RoleInlinePolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PublishBudget budget;
    private final Set<String> legacyIssuers;
    private final String owner = UUID.randomUUID().toString();

    public SessionRevoker(RevocationStore store, RoleInlinePolicy policy, Clock clock, Sleeper sleeper, PublishBudget budget) {
        this(store, policy, clock, sleeper, budget, Set.of());
    }

    /**
     * @param legacyIssuers issuers marked {@code legacySubjectKeys}: revoking one of their people also denies the
     *                      subject-only session suffix ({@link PrincipalId#legacyHash()}) that brokers gave before
     *                      issuer-keyed names, so sessions issued before the upgrade are revoked too
     */
    public SessionRevoker(RevocationStore store, RoleInlinePolicy policy, Clock clock, Sleeper sleeper, PublishBudget budget,
                          Set<String> legacyIssuers) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.legacyIssuers = Set.copyOf(legacyIssuers);
    }

    /**
     * Denies the sessions of {@code person} (every SourceIdentity ending in {@code -<}{@link PrincipalId#hash()}{@code >},
     * and for a legacy issuer also {@code -<}{@link PrincipalId#legacyHash()}{@code >}), issued before the next whole
     * second.
     *
     * @param revokedBy the admin's {@link PrincipalId#key()} (or {@code budget})
     */
    public ApiKeyOutcome revoke(PrincipalId person, String revokedBy) {
        Instant cutoff = RevocationPolicy.cutoffAt(clock.instant());
        List<Revocation> asked = legacyIssuers.contains(person.issuer())
                ? List.of(new Revocation.OfPerson(person.hash(), person.key(), cutoff, revokedBy),
                          new Revocation.OfPerson(person.legacyHash(), person.key(), cutoff, revokedBy))
                : List.of(new Revocation.OfPerson(person.hash(), person.key(), cutoff, revokedBy));
        return revoke(asked);
    }

    /** Break-glass: denies every session of the role issued before the next whole second, whoever holds it. */
    public ApiKeyOutcome revokeEveryone(String revokedBy) {
        return revoke(List.of(new Revocation.OfEveryone(RevocationPolicy.cutoffAt(clock.instant()), revokedBy)));
    }

    /** Stores every revocation asked, then publishes them; the answer names the first. */
    private ApiKeyOutcome revoke(List<Revocation> asked) {
        List<Revocation> stored = new ArrayList<>();
        try {
            for (Revocation revocation : asked) stored.add(store.record(revocation));
        } catch (StateUnavailableException e) {
            return unavailable("dynamodb");
        }
        return publish(stored);
    }

    /** Writes the policy rendered from the store (under the lease) until IAM shows every one of {@code revocations}. */
    private ApiKeyOutcome publish(List<Revocation> revocations) {
        Instant deadline = clock.instant().plus(budget.total());
        Duration wait = budget.firstWait();
        while (true) {
            Instant now = clock.instant();
            boolean held;
            try {
                held = store.acquireLease(LEASE, owner, now, deadline.plus(Duration.ofSeconds(5)));
            } catch (StateUnavailableException e) {
                return unavailable("dynamodb");
            }
            if (held) {
                try {
                    Optional<ApiKeyOutcome> done = publishHeld(revocations, deadline);
                    if (done.isPresent()) return done.get();
                } catch (StateUnavailableException e) {
                    return unavailable("dynamodb");
                } finally {
                    store.releaseLease(LEASE, owner);
                }
            }
            if (!clock.instant().plus(wait).isBefore(deadline)) {
                return unavailable("iam");
            }
            sleeper.sleep(wait);
            wait = doubled(wait);
        }
    }

    /** One render, write and read-back while holding the lease; empty when IAM did not show it in time. */
    private Optional<ApiKeyOutcome> publishHeld(List<Revocation> revocations, Instant deadline) {
        Instant now = clock.instant();
        Shown current = read();
        if (current.failure() != null) return Optional.of(current.failure());
        if (deniesAll(current.policy(), revocations)) return Optional.of(revoked(revocations.getFirst()));
        RevocationPolicy next = current.policy().withoutExpired(now, RETENTION).with(store.active(now));
        Optional<String> document = next.render(MAX_CHARS);
        if (document.isEmpty()) {
            // Only statements someone else added can take the whole budget: the broker's own always fold.
            return Optional.of(new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Refused("iam", "PutRolePolicy:DocumentTooLarge")));
        }
        IamResult<Void> written = policy.write(document.get());
        if (!(written instanceof IamResult.Done<Void>)) return Optional.of(ApiKeyOutcome.failure("PutRolePolicy", written));
        Duration wait = budget.firstWait();
        while (clock.instant().plus(wait).isBefore(deadline)) {
            sleeper.sleep(wait);
            wait = doubled(wait);
            Shown shown = read();
            if (shown.failure() != null) return Optional.of(shown.failure());
            if (deniesAll(shown.policy(), revocations)) return Optional.of(revoked(revocations.getFirst()));
        }
        return Optional.empty();
    }

    /** What IAM shows: the policy (empty when there is none yet), or why it could not be read. */
    private record Shown(RevocationPolicy policy, ApiKeyOutcome failure) {}

    private Shown read() {
        return switch (policy.read()) {
            case IamResult.Done<String>(var document) -> new Shown(RevocationPolicy.parse(document), null);
            case IamResult.NotFound<String> n -> new Shown(RevocationPolicy.empty(), null);
            case IamResult<String> failure -> new Shown(null, ApiKeyOutcome.failure("GetRolePolicy", failure));
        };
    }

    private static boolean deniesAll(RevocationPolicy shown, List<Revocation> revocations) {
        return revocations.stream().allMatch(shown::denies);
    }

    private static ApiKeyOutcome revoked(Revocation revocation) {
        return switch (revocation) {
            case Revocation.OfPerson p -> new ApiKeyOutcome.SessionsRevoked(p.cutoff(), p.sourceIdentityPattern());
            case Revocation.OfEveryone e -> new ApiKeyOutcome.SessionsRevoked(e.cutoff(), Revocation.OfEveryone.SOURCE_IDENTITY_PATTERN);
        };
    }

    private static ApiKeyOutcome unavailable(String service) {
        return new ApiKeyOutcome.UpstreamFailed(new UpstreamFailure.Unavailable(service, RETRY_AFTER));
    }

    private static Duration doubled(Duration wait) {
        Duration next = wait.multipliedBy(2);
        return next.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : next;
    }
}
