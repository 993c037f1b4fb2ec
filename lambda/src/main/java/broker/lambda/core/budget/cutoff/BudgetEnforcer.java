package broker.lambda.core.budget.cutoff;

import broker.lambda.core.apikeys.ApiKeyOutcome;
import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.budget.BudgetCheck;
import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetReading;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.upstream.UpstreamFailure;
import broker.lambda.core.usage.Owner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The cut-off on crossing a cap and the restore at the reset.
 *
 * <p>{@link #checkCrossings}: after ingestion counted a batch, each person it charged is checked as the issuance check
 * does (their entitled budget from the groups of their session, their override, one read); over a cap, once per
 * crossing ({@link BudgetStore#recordCutoff}, recorded incomplete first), their live STS sessions are revoked through
 * {@link SessionRevoker} (the deny on their SourceIdentity for sessions issued before now) and their Active long-term
 * keys set Inactive, and the record is marked complete. When the revocation fails the record is dropped, so the next
 * batch that charges them tries again; when the function dies before the end or a key stays Active, the record stays
 * incomplete and {@link #restoreDue} drives it again. Failures are reported.
 *
 * <p>{@link #restoreDue}: run on a schedule; every cut-off whose reset has come, or whose person an admin override has
 * lifted below the caps, gets exactly the keys it deactivated set Active again (keys since deleted or expired are left
 * alone), then is forgotten; every other incomplete cut-off is driven again. Keys are never deleted.
 */
public final class BudgetEnforcer {
    /** The audit action of a cut-off. */
    public static final String CUTOFF = "budget-cutoff";
    /** The audit action of a restore. */
    public static final String RESTORE = "budget-restore";
    /** Why a restore ran: the period's reset. */
    public static final String RESET = "reset";
    /** Why a restore ran: an admin override in force lifted the person below every cap. */
    public static final String OVERRIDE = "override";
    /** Who the revocation store records as the revoker. */
    static final String REVOKED_BY = "budget";

    private final EntitlementsDocument entitlements;
    private final BudgetStore store;
    private final PersonDirectory people;
    private final SessionRevoker revoker;
    private final PersonKeysLookup keys;
    private final KeyStatusSwitch keySwitch;
    private final BudgetEvents events;
    private final Clock clock;

    public BudgetEnforcer(EntitlementsDocument entitlements, BudgetStore store, PersonDirectory people,
                          SessionRevoker revoker, PersonKeysLookup keys, KeyStatusSwitch keySwitch, BudgetEvents events,
                          Clock clock) {
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.store = Objects.requireNonNull(store, "store");
        this.people = Objects.requireNonNull(people, "people");
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keySwitch = Objects.requireNonNull(keySwitch, "keySwitch");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Cuts off every one of {@code owners} now over a cap who is not cut off for it yet; never throws. */
    public void checkCrossings(Collection<Owner> owners) {
        for (Owner owner : owners) {
            if (owner.kind() == Owner.Kind.UNATTRIBUTED) continue;
            try {
                check(owner);
            } catch (RuntimeException e) {
                // The ledger is written: a failure here must not fail the delivery (it would not be counted again).
                events.failed(CUTOFF, owner.subject(), e.getClass().getSimpleName());
            }
        }
    }

    private void check(Owner owner) {
        Instant now = clock.instant();
        BudgetReading reading = store.read(owner.key(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        BudgetDecision decision = BudgetCheck.decide(owner.kind() == Owner.Kind.WORKLOAD ? broker.lambda.core.entitlements.Budget.UNLIMITED
                : entitlements.budgetFor(owner.groups()), reading.storedOverride(),
                reading.spend(), Clock.fixed(now, ZoneOffset.UTC));
        if (!(decision instanceof BudgetDecision.Exhausted exhausted)) return;
        String period = exhausted.cap().period().name().toLowerCase(java.util.Locale.ROOT);
        BudgetCutoff cutoff = new BudgetCutoff(owner.key(), owner.subject(), period, now, exhausted.resetsAt(), List.of());
        if (!store.recordCutoff(cutoff)) return;
        if (!enforce(cutoff)) store.removeCutoff(cutoff);
    }

    /**
     * Revokes the person's sessions and sets their Active unexpired keys Inactive, then records the cut-off complete.
     * Every step is idempotent (the revocation is a deny on sessions issued before now, and only Active keys are
     * switched), so the scheduled pass may drive an incomplete cut-off again as often as needed.
     *
     * @return false when the revocation failed (nothing else was tried)
     */
    private boolean enforce(BudgetCutoff cutoff) {
        Instant now = clock.instant();
        // The owner's key is their PrincipalId's: the revocation denies that principal's session suffix (and, for the
        // legacy issuer, the subject-only one), whether or not the person directory still knows them.
        PrincipalId principal = PrincipalId.parse(cutoff.ownerKey());
        ApiKeyOutcome revoked = revoker.revoke(principal, REVOKED_BY);
        if (!(revoked instanceof ApiKeyOutcome.SessionsRevoked(var issuedBefore, var pattern))) {
            events.failed(CUTOFF, cutoff.subject(), cause(revoked));
            return false;
        }
        List<String> deactivated = new ArrayList<>(cutoff.keyIds());
        String failure = switch (keys.personKeys(principal)) {
            case ApiKeysService.PersonKeys.None none -> null;
            case ApiKeysService.PersonKeys.Failed(var outcome) -> cause(outcome);
            case ApiKeysService.PersonKeys.Found(var userName, var all) -> {
                String failed = null;
                for (StoredKey key : all) {
                    if (key.status() != ApiKeyStatus.ACTIVE || key.expiration() != null && !key.expiration().isAfter(now)) continue;
                    IamResult<Void> done = keySwitch.deactivate(userName, key.id());
                    if (done instanceof IamResult.Done<Void>) {
                        if (!deactivated.contains(key.id())) deactivated.add(key.id());
                    } else {
                        failed = "iam:UpdateServiceSpecificCredential";
                    }
                }
                yield failed;
            }
        };
        // Complete only when every Active key is Inactive: otherwise the record stays incomplete (with the keys set
        // Inactive so far, restored at the reset) and the next scheduled pass drives it again.
        BudgetCutoff recorded = failure == null ? cutoff.completed(deactivated) : cutoff.withKeys(deactivated);
        store.updateCutoff(recorded);
        events.cutOff(recorded, pattern);
        if (failure != null) events.failed(CUTOFF, cutoff.subject(), failure);
        return true;
    }

    /**
     * The scheduled pass (every 15 minutes in AWS, every minute locally); never throws. For every recorded cut-off:
     * <ul>
     *   <li>its reset has come: reactivates exactly the keys it set Inactive ({@code budget-restore}, reason
     *       {@code reset});
     *   <li>an admin override in force lifts the person below every cap: the same, now ({@code budget-restore}, reason
     *       {@code override}); their revoked sessions stay revoked (a revocation is final), they get new ones at issuance;
     *   <li>otherwise, when it is incomplete (the ingest function died between recording it and acting, or a key could
     *       not be set Inactive): drives it again. Recording first and converging here keeps "once per crossing" (the
     *       conditional record) and never loses a crossing; the steps are idempotent and never delete a key.
     * </ul>
     */
    public void restoreDue() {
        Instant now = clock.instant();
        List<BudgetCutoff> all;
        try {
            all = store.cutoffs();
        } catch (RuntimeException e) {
            events.failed(RESTORE, null, e.getClass().getSimpleName());
            return;
        }
        for (BudgetCutoff cutoff : all) {
            try {
                if (cutoff.dueAt(now)) {
                    restore(cutoff, RESET);
                } else if (liftedByOverride(cutoff, now)) {
                    restore(cutoff, OVERRIDE);
                } else if (!cutoff.complete()) {
                    enforce(cutoff);
                }
            } catch (RuntimeException e) {
                events.failed(cutoff.dueAt(now) ? RESTORE : CUTOFF, cutoff.subject(), e.getClass().getSimpleName());
            }
        }
    }

    /** True when an admin override in force at {@code now} puts the person below every cap it sets. */
    private boolean liftedByOverride(BudgetCutoff cutoff, Instant now) {
        BudgetReading reading = store.read(cutoff.ownerKey(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        return reading.storedOverride().filter(o -> o.appliesAt(now)).isPresent()
                && !(BudgetCheck.decide(broker.lambda.core.entitlements.Budget.UNLIMITED, reading.storedOverride(),
                        reading.spend(), Clock.fixed(now, ZoneOffset.UTC)) instanceof BudgetDecision.Exhausted);
    }

    private void restore(BudgetCutoff cutoff, String reason) {
        List<String> reactivated = new ArrayList<>();
        if (!cutoff.keyIds().isEmpty()) {
            switch (keys.personKeys(PrincipalId.parse(cutoff.ownerKey()))) {
                case ApiKeysService.PersonKeys.None none -> { }
                case ApiKeysService.PersonKeys.Failed(var outcome) -> {
                    events.failed(RESTORE, cutoff.subject(), cause(outcome));
                    return;
                }
                case ApiKeysService.PersonKeys.Found(var userName, var all) -> {
                    for (StoredKey key : all) {
                        if (!cutoff.keyIds().contains(key.id()) || key.status() != ApiKeyStatus.INACTIVE) continue;
                        if (!(keySwitch.activate(userName, key.id()) instanceof IamResult.Done<Void>)) {
                            events.failed(RESTORE, cutoff.subject(), "iam:UpdateServiceSpecificCredential");
                            return;
                        }
                        reactivated.add(key.id());
                    }
                }
            }
        }
        store.removeCutoff(cutoff);
        events.restored(cutoff, reactivated, reason);
    }

    private static String cause(ApiKeyOutcome outcome) {
        if (outcome instanceof ApiKeyOutcome.UpstreamFailed(var failure)) {
            return switch (failure) {
                case UpstreamFailure.Throttled t -> t.service() + ":Throttled";
                case UpstreamFailure.Unavailable u -> u.service() + ":Unavailable";
                case UpstreamFailure.Refused(var service, var code) -> service + ":" + code;
            };
        }
        return outcome.getClass().getSimpleName();
    }
}
