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
 * crossing ({@link BudgetStore#recordCutoff}), their live STS sessions are revoked through {@link SessionRevoker} (the
 * deny on their SourceIdentity for sessions issued before now) and their Active long-term keys set Inactive. When a step
 * fails the record is dropped, so the next batch that charges them tries again, and the failure is reported.
 *
 * <p>{@link #restoreDue}: run on a schedule; every cut-off whose reset has come gets exactly the keys it deactivated
 * set Active again (keys since deleted or expired are left alone), then is forgotten. Keys are never deleted.
 */
public final class BudgetEnforcer {
    /** The audit action of a cut-off. */
    public static final String CUTOFF = "budget-cutoff";
    /** The audit action of a restore. */
    public static final String RESTORE = "budget-restore";
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

        // The owner's key is their PrincipalId's: the revocation denies that principal's session suffix (and, for the
        // legacy issuer, the subject-only one), whether or not the person directory still knows them.
        PrincipalId principal = PrincipalId.parse(owner.key());
        ApiKeyOutcome revoked = revoker.revoke(principal, REVOKED_BY);
        if (!(revoked instanceof ApiKeyOutcome.SessionsRevoked(var issuedBefore, var pattern))) {
            store.removeCutoff(cutoff);
            events.failed(CUTOFF, owner.subject(), cause(revoked));
            return;
        }
        List<String> deactivated = new ArrayList<>();
        String failure = switch (keys.personKeys(principal)) {
            case ApiKeysService.PersonKeys.None none -> null;
            case ApiKeysService.PersonKeys.Failed(var outcome) -> cause(outcome);
            case ApiKeysService.PersonKeys.Found(var userName, var all) -> {
                String failed = null;
                for (StoredKey key : all) {
                    if (key.status() != ApiKeyStatus.ACTIVE || key.expiration() != null && !key.expiration().isAfter(now)) continue;
                    IamResult<Void> done = keySwitch.deactivate(userName, key.id());
                    if (done instanceof IamResult.Done<Void>) deactivated.add(key.id());
                    else failed = "iam:UpdateServiceSpecificCredential";
                }
                yield failed;
            }
        };
        BudgetCutoff recorded = cutoff.withKeys(deactivated);
        store.updateCutoff(recorded);
        events.cutOff(recorded, pattern);
        if (failure != null) {
            // Sessions are revoked and the record keeps the keys set Inactive (restored at the reset); the keys left
            // Active are reported, and the next batch of this person does not retry them (the cut-off is recorded).
            events.failed(CUTOFF, owner.subject(), failure);
        }
    }

    /** Reactivates the keys of every cut-off whose reset has come; never throws. */
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
            if (!cutoff.dueAt(now)) continue;
            try {
                restore(cutoff);
            } catch (RuntimeException e) {
                events.failed(RESTORE, cutoff.subject(), e.getClass().getSimpleName());
            }
        }
    }

    private void restore(BudgetCutoff cutoff) {
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
        events.restored(cutoff, reactivated);
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
