package broker.lambda.core.reconcile;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.IamUser;
import broker.lambda.core.apikeys.IamUserNames;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduled upkeep of long-term keys (issue 17): keys must not outlive the people who hold them, and the broker's
 * IAM users must not pile up against the account's quota.
 *
 * <p>For every user under the broker's IAM path that carries the broker's owner tag (others are never touched):
 * <ul>
 *   <li>a person <em>not seen</em> for longer than {@code inactiveAfter} has every active key set {@code Inactive},
 *       never deleted. "Seen" is the person's last issuance in the state store ({@link PersonRecord#lastIssuedAt()}:
 *       credentials, bearer tokens, keys; a sign-in alone issues nothing), or the newest key's creation when that is
 *       later or the store has no record of them;</li>
 *   <li>a user with no keys at all is deleted with its inline policy, unless its owner was seen within
 *       {@link #CREATION_GRACE} (a key may be on its way), its owner cannot be told from its tags, or another user
 *       holds a later candidate name of the same owner (lookups stop at the first free name:
 *       {@link IamUserNames#candidates}).</li>
 * </ul>
 * Then it reads the account's IAM user count and quota. Every action and failure is reported as it happens.
 */
public final class KeyReconciliation {
    /** A keyless user whose owner was seen this recently may be between CreateUser and its first key: kept. */
    public static final Duration CREATION_GRACE = Duration.ofHours(1);

    private final IamUsers iam;
    private final KeyUserMaintenance maintenance;
    private final PersonDirectory people;
    private final String userPath;
    private final Duration inactiveAfter;
    private final ReconcileEvents events;
    private final Clock clock;
    private final String legacyIssuer;

    /**
     * @param userPath      the broker's IAM user path, e.g. {@code /bedrock-broker/users/}
     * @param inactiveAfter how long a person may go unseen before their keys are deactivated
     * @param legacyIssuer  the issuer of key users made before issuer-keyed names (no principal tag): the issuer marked
     *                      {@code legacySubjectKeys}, else the people issuer
     */
    public KeyReconciliation(IamUsers iam, KeyUserMaintenance maintenance, PersonDirectory people, String userPath,
                             Duration inactiveAfter, ReconcileEvents events, Clock clock, String legacyIssuer) {
        this.legacyIssuer = Objects.requireNonNull(legacyIssuer, "legacyIssuer");
        this.iam = Objects.requireNonNull(iam, "iam");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.people = Objects.requireNonNull(people, "people");
        this.userPath = Objects.requireNonNull(userPath, "userPath");
        this.inactiveAfter = Objects.requireNonNull(inactiveAfter, "inactiveAfter");
        if (inactiveAfter.isNegative() || inactiveAfter.isZero()) throw new IllegalArgumentException("inactiveAfter <= 0");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One run over every key user. */
    public ReconcileResult run() {
        Tally tally = new Tally();
        IamResult<List<String>> listed = maintenance.listUserNames(userPath);
        if (!(listed instanceof IamResult.Done<List<String>>(var names))) {
            return stopped("ListUsers " + cause(listed), tally);
        }
        Instant now = clock.instant();
        for (String name : names) {
            try {
                reconcile(name, now, tally);
            } catch (StateUnavailableException e) {
                return stopped("state store: " + e.getMessage(), tally);
            }
        }
        switch (maintenance.userQuota()) {
            case IamResult.Done<UserQuota>(var quota) -> tally.quota = quota;
            case IamResult<UserQuota> failure -> fail(tally, null, "GetAccountSummary", failure);
        }
        ReconcileReport report = tally.report();
        events.finished(report);
        return new ReconcileResult.Done(report);
    }

    private void reconcile(String name, Instant now, Tally tally) {
        IamUser user;
        switch (iam.getUser(name)) {
            case IamResult.Done<IamUser>(var found) -> user = found;
            // Deleted since it was listed.
            case IamResult.NotFound<IamUser> gone -> { return; }
            case IamResult<IamUser> failure -> {
                fail(tally, name, "GetUser", failure);
                return;
            }
        }
        // ListUsers' prefix also matches deeper paths; and a user without the owner tag is not the broker's.
        if (!userPath.equals(user.path()) || !user.tags().containsKey(IamUserNames.TAG_SUBJECT)) return;
        tally.users++;
        List<StoredKey> keys;
        switch (iam.listKeys(name)) {
            case IamResult.Done<List<StoredKey>>(var all) -> keys = all;
            case IamResult<List<StoredKey>> failure -> {
                fail(tally, name, "ListServiceSpecificCredentials", failure);
                return;
            }
        }
        Optional<PrincipalId> owner = IamUserNames.owner(user, legacyIssuer);
        Optional<String> subject = owner.map(PrincipalId::subject);
        Optional<String> ownerKey = owner.map(PrincipalId::key);
        Optional<PersonRecord> person = ownerKey.flatMap(people::person);
        Instant lastSeen = lastSeen(person, keys);
        String key = ownerKey.orElse(null);
        if (keys.isEmpty()) {
            deleteIfSafe(user, subject, key, lastSeen, now, tally);
        } else if (lastSeen == null || lastSeen.isBefore(now.minus(inactiveAfter))) {
            for (StoredKey stored : keys) {
                boolean usable = stored.status() == ApiKeyStatus.ACTIVE
                        && (stored.expiration() == null || stored.expiration().isAfter(now));
                if (!usable) continue;
                IamResult<Void> done = maintenance.deactivateKey(name, stored.id());
                if (done instanceof IamResult.Done<Void> || done instanceof IamResult.NotFound<Void>) {
                    if (done instanceof IamResult.Done<Void>) {
                        tally.deactivated++;
                        events.acted(new ReconcileAction.KeyDeactivated(name, key, stored.id(), lastSeen));
                    }
                } else {
                    fail(tally, name, "UpdateServiceSpecificCredential", done);
                }
            }
        }
    }

    private void deleteIfSafe(IamUser user, Optional<String> subject, String ownerKey, Instant lastSeen, Instant now,
                              Tally tally) {
        String name = user.name();
        if (subject.isEmpty()) {
            kept(tally, name, ownerKey, "unknown-owner");
            return;
        }
        if (lastSeen != null && lastSeen.isAfter(now.minus(CREATION_GRACE))) {
            kept(tally, name, ownerKey, "recently-seen");
            return;
        }
        List<String> candidates = IamUserNames.candidates(subject.get());
        int index = candidates.indexOf(name);
        if (index < 0) {
            kept(tally, name, ownerKey, "unknown-owner");
            return;
        }
        for (String later : candidates.subList(index + 1, candidates.size())) {
            switch (iam.getUser(later)) {
                case IamResult.NotFound<IamUser> free -> { }
                case IamResult.Done<IamUser> taken -> {
                    kept(tally, name, ownerKey, "later-name-taken");
                    return;
                }
                case IamResult<IamUser> failure -> {
                    fail(tally, later, "GetUser", failure);
                    return;
                }
            }
        }
        IamResult<Void> deleted = maintenance.deleteUser(name);
        switch (deleted) {
            case IamResult.Done<Void> d -> {
                tally.deleted++;
                events.acted(new ReconcileAction.UserDeleted(name, ownerKey));
            }
            // Gone already.
            case IamResult.NotFound<Void> gone -> { }
            // A key (or something else) was attached meanwhile: the user is in use after all.
            case IamResult.Refused<Void>(var code) when "DeleteConflict".equals(code) ->
                    kept(tally, name, ownerKey, "in-use");
            case IamResult<Void> failure -> fail(tally, name, "DeleteUser", failure);
        }
    }

    private static Instant lastSeen(Optional<PersonRecord> person, List<StoredKey> keys) {
        Instant seen = person.map(PersonRecord::lastIssuedAt).orElse(null);
        for (StoredKey key : keys) {
            if (seen == null || key.createdAt().isAfter(seen)) seen = key.createdAt();
        }
        return seen;
    }

    private void kept(Tally tally, String name, String ownerKey, String reason) {
        tally.kept++;
        events.acted(new ReconcileAction.UserKept(name, ownerKey, reason));
    }

    private void fail(Tally tally, String name, String call, IamResult<?> failure) {
        tally.failures++;
        events.acted(new ReconcileAction.Failed(name, call, cause(failure)));
    }

    private ReconcileResult stopped(String reason, Tally tally) {
        ReconcileReport report = tally.report();
        events.finished(report);
        return new ReconcileResult.Stopped(reason, report);
    }

    private static String cause(IamResult<?> failure) {
        return switch (failure) {
            case IamResult.Refused<?>(var code) -> "refused:" + code;
            case IamResult.Throttled<?> t -> "throttled";
            case IamResult.Unavailable<?> u -> "unavailable";
            case IamResult.NotFound<?> n -> "not-found";
            case IamResult.AlreadyExists<?> a -> "already-exists";
            case IamResult.LimitExceeded<?> l -> "limit-exceeded";
            case IamResult.Done<?> d -> "done";
        };
    }

    private static final class Tally {
        int users;
        int deactivated;
        int deleted;
        int kept;
        int failures;
        UserQuota quota;

        ReconcileReport report() {
            return new ReconcileReport(users, deactivated, deleted, kept, failures, quota);
        }
    }
}
