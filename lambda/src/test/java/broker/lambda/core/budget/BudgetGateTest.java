package broker.lambda.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.testing.Principals;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.UsageViews;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetGateTest {
    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    static final long USD = 1_000_000;
    static final Identity CAPPED = Principals.person("alice", "alice", "a@example.com", List.of("capped"));
    static final Identity FREE = Principals.person("carol", "carol", "c@example.com", List.of("free"));

    final SpendLedger ledger = new SpendLedger();
    final InMemoryBudgetStore store = new InMemoryBudgetStore(ledger);
    final BudgetGate gate = new BudgetGate(document(), store, Clock.fixed(NOW, ZoneOffset.UTC));

    static EntitlementsDocument document() {
        try {
            return EntitlementsDocument.parse("""
                    {"version":1,"groups":{
                      "capped":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                                "budget":{"dailyUsd":10,"monthlyUsd":100}},
                      "free":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"]}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void check_ofAWorkload_neverAppliesThePeoplesDefaultBudget() throws Exception {
        BudgetGate withDefault = new BudgetGate(EntitlementsDocument.parse("""
                {"version":1,"default":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],"regions":["us-east-1"],
                  "budget":{"dailyUsd":1}}}"""), store, Clock.fixed(NOW, ZoneOffset.UTC));
        Identity ci = new Identity(new broker.lambda.core.identity.PrincipalId("https://token.actions.githubusercontent.com",
                "repo:acme/app:ref:refs/heads/main"), broker.lambda.core.identity.PrincipalKind.WORKLOAD, "acme/app", "",
                List.of(), java.util.Map.of("repository", "acme/app"), null);
        ledger.spent(UsageViews.ownerKeyOf(ci), 5 * USD, 5 * USD);

        assertThat(withDefault.check(ci)).isNotInstanceOf(BudgetDecision.Exhausted.class);
    }

    @Test
    void check_readsTheLedgerOnce_underTheCallersOwnerKey() {
        ledger.spent(UsageViews.ownerKeyOf(CAPPED), 8 * USD, 8 * USD);

        assertThat(gate.check(CAPPED)).isInstanceOf(BudgetDecision.Warned.class);
        assertThat(ledger.reads).isEqualTo(1);
    }

    @Test
    void check_overTheDailyCap_isExhaustedUntilMidnight() {
        ledger.spent(UsageViews.ownerKeyOf(CAPPED), 10 * USD, 10 * USD);

        assertThat(gate.check(CAPPED)).isInstanceOfSatisfying(BudgetDecision.Exhausted.class,
                e -> assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-12-09T00:00:00Z")));
    }

    @Test
    void check_anUnexpiredOverride_replacesTheEntitledBudget() {
        ledger.spent(UsageViews.ownerKeyOf(CAPPED), 10 * USD, 10 * USD);
        store.putOverride(UsageViews.ownerKeyOf(CAPPED), new BudgetOverride(new Budget(OptionalLong.of(50 * USD),
                OptionalLong.empty(), Budget.DEFAULT_WARN_AT_PERCENT), NOW.plusSeconds(3600)));

        BudgetGate.BudgetStatus status = gate.status(CAPPED);

        assertThat(status.decision()).isInstanceOf(BudgetDecision.WithinBudget.class);
        assertThat(status.budget().dailyMicroUsd()).hasValue(50 * USD);
        assertThat(status.override().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void check_anExpiredOverride_noLongerApplies() {
        ledger.spent(UsageViews.ownerKeyOf(CAPPED), 10 * USD, 10 * USD);
        store.putOverride(UsageViews.ownerKeyOf(CAPPED), new BudgetOverride(Budget.UNLIMITED, NOW));

        assertThat(gate.check(CAPPED)).isInstanceOf(BudgetDecision.Exhausted.class);
        assertThat(gate.status(CAPPED).override()).isNull();
    }

    @Test
    void check_storeDown_forACappedPerson_throws() {
        ledger.unavailable = true;

        assertThatThrownBy(() -> gate.check(CAPPED)).isInstanceOf(StateUnavailableException.class);
    }

    @Test
    void check_storeDown_forAPersonWithoutAnEntitledCap_letsThemThrough() {
        ledger.unavailable = true;

        assertThat(gate.check(FREE)).isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void off_neverReads() {
        assertThat(BudgetGate.OFF.check(CAPPED)).isInstanceOf(BudgetDecision.WithinBudget.class);
        assertThat(BudgetGate.OFF.enabled()).isFalse();
    }
}
