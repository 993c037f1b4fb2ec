package broker.lambda.core.budget.cutoff;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.apikeys.ApiKeyStatus;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamResult;
import broker.lambda.core.apikeys.StoredKey;
import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.InMemoryBudgetStore;
import broker.lambda.core.budget.SpendLedger;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.testing.Principals;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.usage.Owner;
import broker.lambda.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cut-off on crossing a cap and the restore at the reset, with a test clock and every port in memory. */
class BudgetEnforcerTest {
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static final long USD = 1_000_000;
    static final Identity ALICE = Principals.person("alice", "alice", "a@example.com", List.of("developers"));
    static final Owner ALICE_OWNER = new Owner(Principals.ISSUER, "alice", "alice", List.of("developers"), Owner.Kind.PERSON);
    static final Owner CAROL = new Owner(Principals.ISSUER, "carol", "carol", List.of("developers"), Owner.Kind.PERSON);

    final TestClock clock = new TestClock(NOW);
    final SpendLedger ledger = new SpendLedger();
    final InMemoryBudgetStore store = new InMemoryBudgetStore(ledger);
    final InMemoryBrokerState state = new InMemoryBrokerState();
    final Policy policy = new Policy();
    final Keys keys = new Keys();
    final Events events = new Events();
    final BudgetEnforcer enforcer;

    BudgetEnforcerTest() throws Exception {
        state.recordIssuance(PersonRecord.of(ALICE, IssuanceKind.CREDENTIALS, NOW));
        keys.stored.put("alice", new ArrayList<>(List.of(
                new StoredKey("ACCAACTIVE000000000001", NOW.minusSeconds(86_400), NOW.plusSeconds(86_400 * 30), ApiKeyStatus.ACTIVE),
                new StoredKey("ACCAINACTIVE0000000002", NOW.minusSeconds(86_400), NOW.plusSeconds(86_400 * 30), ApiKeyStatus.INACTIVE),
                new StoredKey("ACCAEXPIRED00000000003", NOW.minusSeconds(86_400 * 40), NOW.minusSeconds(60), ApiKeyStatus.ACTIVE))));
        enforcer = new BudgetEnforcer(EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                  "regions":["us-east-1"],"budget":{"dailyUsd":10}}}}"""), store, state,
                new SessionRevoker(state, policy, clock, clock::advance, SessionRevoker.PublishBudget.DEFAULT),
                keys::personKeys, keys, events, clock);
    }

    @Test
    void checkCrossings_belowTheCap_doesNothing() {
        ledger.spent(ALICE_OWNER.key(), 9 * USD, 9 * USD);

        enforcer.checkCrossings(List.of(ALICE_OWNER));

        assertThat(policy.document).isNull();
        assertThat(keys.switched).isEmpty();
        assertThat(store.cutoffs()).isEmpty();
    }

    @Test
    void checkCrossings_overTheCap_revokesTheSessionsAndSetsOnlyActiveKeysInactive() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);

        enforcer.checkCrossings(List.of(ALICE_OWNER));

        assertThat(policy.document).contains("*-" + Principals.principal("alice").hash()).contains("aws:TokenIssueTime");
        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive");
        assertThat(store.cutoffs()).singleElement().satisfies(c -> {
            assertThat(c.keyIds()).containsExactly("ACCAACTIVE000000000001");
            assertThat(c.resetsAt()).isEqualTo(Instant.parse("2026-12-09T00:00:00Z"));
            assertThat(c.period()).isEqualTo("day");
        });
        assertThat(events.lines).containsExactly("cutoff alice ACCAACTIVE000000000001");
    }

    @Test
    void checkCrossings_again_cutsOffOncePerCrossing() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        int writes = policy.writes;

        ledger.spent(ALICE_OWNER.key(), 12 * USD, 12 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));

        assertThat(policy.writes).isEqualTo(writes);
        assertThat(keys.switched).hasSize(1);
    }

    @Test
    void checkCrossings_twoPeople_onlyTheCappedOneIsCutOff() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD).spent(CAROL.key(), 1 * USD, 1 * USD);

        enforcer.checkCrossings(List.of(ALICE_OWNER, CAROL, Owner.UNATTRIBUTED));

        assertThat(store.cutoffs()).extracting(BudgetCutoff::subject).containsExactly("alice");
    }

    @Test
    void checkCrossings_revocationFails_forgetsTheCutoffSoTheNextBatchRetries_andReportsIt() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        policy.failWrites = true;

        enforcer.checkCrossings(List.of(ALICE_OWNER));

        assertThat(store.cutoffs()).isEmpty();
        assertThat(keys.switched).isEmpty();
        assertThat(events.lines).singleElement().asString().startsWith("failed budget-cutoff alice iam:");
    }

    @Test
    void restoreDue_beforeTheReset_keepsTheKeysOff() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        clock.set(Instant.parse("2026-12-08T23:59:59Z"));

        enforcer.restoreDue();

        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive");
        assertThat(store.cutoffs()).hasSize(1);
    }

    @Test
    void restoreDue_atTheReset_reactivatesExactlyTheKeysItDeactivated_andForgetsTheCutoff() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        clock.set(Instant.parse("2026-12-09T00:00:00Z"));

        enforcer.restoreDue();

        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive",
                "alice/ACCAACTIVE000000000001=Active");
        assertThat(keys.stored.get("alice")).extracting(StoredKey::status)
                .containsExactly(ApiKeyStatus.ACTIVE, ApiKeyStatus.INACTIVE, ApiKeyStatus.ACTIVE);
        assertThat(store.cutoffs()).isEmpty();
        assertThat(events.lines).last().isEqualTo("restored alice ACCAACTIVE000000000001");
    }

    @Test
    void restoreDue_cutoffRecordedButTheIngestFunctionDiedBeforeActing_drivesItToTheEnd() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        // What the ingest function left when it died right after the conditional record.
        store.recordCutoff(new BudgetCutoff(ALICE_OWNER.key(), "alice", "day", NOW,
                Instant.parse("2026-12-09T00:00:00Z"), List.of()));
        clock.set(NOW.plusSeconds(900));

        enforcer.restoreDue();

        assertThat(policy.document).contains("*-" + Principals.principal("alice").hash()).contains("aws:TokenIssueTime");
        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive");
        assertThat(store.cutoffs()).singleElement().satisfies(c -> {
            assertThat(c.complete()).isTrue();
            assertThat(c.keyIds()).containsExactly("ACCAACTIVE000000000001");
        });
        assertThat(events.lines).containsExactly("cutoff alice ACCAACTIVE000000000001");
    }

    @Test
    void restoreDue_aKeyLeftActiveByAFailedDeactivation_isSetInactiveByTheNextPass_once() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        keys.failDeactivate = true;
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        assertThat(store.cutoffs()).singleElement().satisfies(c -> assertThat(c.complete()).isFalse());
        assertThat(keys.stored.get("alice").getFirst().status()).isEqualTo(ApiKeyStatus.ACTIVE);

        keys.failDeactivate = false;
        clock.set(NOW.plusSeconds(900));
        enforcer.restoreDue();
        enforcer.restoreDue();

        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive");
        assertThat(store.cutoffs()).singleElement().satisfies(c -> {
            assertThat(c.complete()).isTrue();
            assertThat(c.keyIds()).containsExactly("ACCAACTIVE000000000001");
        });
        assertThat(events.lines).containsExactly("cutoff alice ", "failed budget-cutoff alice iam:UpdateServiceSpecificCredential",
                "cutoff alice ACCAACTIVE000000000001");
    }

    @Test
    void restoreDue_aCompleteCutoffBeforeTheReset_isNotDrivenAgain() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        int writes = policy.writes;
        clock.set(NOW.plusSeconds(900));

        enforcer.restoreDue();

        assertThat(policy.writes).isEqualTo(writes);
        assertThat(store.cutoffs()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void restoreDue_anAdminOverrideLiftsThePersonBelowTheCap_reactivatesTheKeysBeforeTheReset() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        store.putOverride(ALICE_OWNER.key(), new broker.lambda.core.budget.BudgetOverride(new broker.lambda.core.entitlements.Budget(
                java.util.OptionalLong.of(50 * USD), java.util.OptionalLong.empty(), List.of(80, 90)),
                Instant.parse("2026-12-20T00:00:00Z")));
        clock.set(NOW.plusSeconds(600));

        enforcer.restoreDue();

        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive",
                "alice/ACCAACTIVE000000000001=Active");
        assertThat(store.cutoffs()).isEmpty();
        assertThat(events.lines).last().isEqualTo("restored alice ACCAACTIVE000000000001 override");
    }

    @Test
    void restoreDue_anOverrideStillUnderTheSpendOrExpired_keepsTheKeysOff() {
        ledger.spent(ALICE_OWNER.key(), 10 * USD, 10 * USD);
        enforcer.checkCrossings(List.of(ALICE_OWNER));
        store.putOverride(ALICE_OWNER.key(), new broker.lambda.core.budget.BudgetOverride(new broker.lambda.core.entitlements.Budget(
                java.util.OptionalLong.of(5 * USD), java.util.OptionalLong.empty(), List.of(80, 90)),
                Instant.parse("2026-12-20T00:00:00Z")));
        enforcer.restoreDue();
        store.putOverride(ALICE_OWNER.key(), new broker.lambda.core.budget.BudgetOverride(broker.lambda.core.entitlements.Budget.UNLIMITED,
                NOW.plusSeconds(60)));
        clock.set(NOW.plusSeconds(600));
        enforcer.restoreDue();

        assertThat(keys.switched).containsExactly("alice/ACCAACTIVE000000000001=Inactive");
        assertThat(store.cutoffs()).hasSize(1);
    }

    /** The role's inline policy in memory. */
    static final class Policy implements RoleInlinePolicy {
        String document;
        int writes;
        boolean failWrites;

        @Override
        public IamResult<String> read() {
            return document == null ? new IamResult.NotFound<>() : new IamResult.Done<>(document);
        }

        @Override
        public IamResult<Void> write(String document) {
            if (failWrites) return new IamResult.Refused<>("AccessDenied");
            writes++;
            this.document = document;
            return new IamResult.Done<>(null);
        }
    }

    /** Key users in memory: user name = subject. */
    static final class Keys implements KeyStatusSwitch {
        final Map<String, List<StoredKey>> stored = new java.util.HashMap<>();
        final List<String> switched = new ArrayList<>();
        boolean failDeactivate;

        ApiKeysService.PersonKeys personKeys(PrincipalId person) {
            String subject = person.subject();
            List<StoredKey> keys = stored.get(subject);
            return keys == null ? new ApiKeysService.PersonKeys.None() : new ApiKeysService.PersonKeys.Found(subject, keys);
        }

        @Override
        public IamResult<Void> deactivate(String userName, String keyId) {
            if (failDeactivate) return new IamResult.Refused<>("Throttling");
            return set(userName, keyId, ApiKeyStatus.INACTIVE, "Inactive");
        }

        @Override
        public IamResult<Void> activate(String userName, String keyId) {
            return set(userName, keyId, ApiKeyStatus.ACTIVE, "Active");
        }

        private IamResult<Void> set(String userName, String keyId, ApiKeyStatus status, String word) {
            switched.add(userName + "/" + keyId + "=" + word);
            stored.get(userName).replaceAll(k -> k.id().equals(keyId)
                    ? new StoredKey(k.id(), k.createdAt(), k.expiration(), status) : k);
            return new IamResult.Done<>(null);
        }
    }

    /** The events as one line each. */
    static final class Events implements BudgetEvents {
        final List<String> lines = new ArrayList<>();

        @Override
        public void cutOff(BudgetCutoff cutoff, String sourceIdentityPattern) {
            lines.add("cutoff " + cutoff.subject() + " " + String.join(",", cutoff.keyIds()));
        }

        @Override
        public void restored(BudgetCutoff cutoff, List<String> reactivated, String reason) {
            lines.add("restored " + cutoff.subject() + " " + String.join(",", reactivated)
                    + (reason.equals(BudgetEnforcer.RESET) ? "" : " " + reason));
        }

        @Override
        public void failed(String action, String subject, String cause) {
            lines.add("failed " + action + " " + subject + " " + cause);
        }
    }
}
