package broker.lambda.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.InMemoryBudgetStore;
import broker.lambda.core.budget.SpendLedger;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.upstream.UpstreamFailure;
import broker.lambda.core.usage.UsageViews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsServiceBudgetTest {
    static final Instant NOW = CredentialsServiceTest.NOW;
    static final long USD = 1_000_000;
    static final Identity ALICE = Principals.person("alice", "alice", "a@example.com", List.of("developers"));
    static final String ENTITLEMENTS = """
            {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
              "regions":["us-east-1"],"maxSessionSeconds":3600,"shortTermKeys":true,
              "budget":{"dailyUsd":10,"warnAtPercent":[80,90]}}}}""";

    final CredentialsServiceTest.FakeIssuer sts = new CredentialsServiceTest.FakeIssuer();
    final CredentialsServiceTest.FakeMinter minter = new CredentialsServiceTest.FakeMinter();
    final SpendLedger ledger = new SpendLedger();

    CredentialsService service() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse(ENTITLEMENTS);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new CredentialsService(document, sts, minter, new BedrockAccount("aws", "123456789012"), "us-east-1",
                clock, ModelCatalog.NONE, ModelPreferences.DEFAULT, IssuanceRecorder.NONE,
                new BudgetGate(document, new InMemoryBudgetStore(ledger), clock));
    }

    @Test
    void credentials_overTheCap_isRefusedWithoutCallingSts() throws Exception {
        ledger.spent(UsageViews.ownerKeyOf(ALICE), 10 * USD, 10 * USD);

        Issuance result = service().credentials(ALICE, CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOfSatisfying(Issuance.BudgetExhausted.class,
                e -> assertThat(e.decision().retryAfter()).isEqualTo(Duration.ofHours(12)));
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_atTheLastThreshold_asksStsFor900Seconds_andCarriesTheDecision() throws Exception {
        ledger.spent(UsageViews.ownerKeyOf(ALICE), 9 * USD, 9 * USD);

        Issuance result = service().credentials(ALICE, new CredentialsRequest(3600, null, null));

        assertThat(sts.commands.getFirst().duration()).isEqualTo(Duration.ofSeconds(900));
        assertThat(((Issuance.CredentialsIssued) result).budget()).isInstanceOf(BudgetDecision.Shortened.class);
    }

    @Test
    void bearerToken_atTheFirstThreshold_keepsItsLength_andCarriesTheWarning() throws Exception {
        ledger.spent(UsageViews.ownerKeyOf(ALICE), 8 * USD, 8 * USD);

        Issuance result = service().bearerToken(ALICE, BearerTokenRequest.DEFAULTS);

        assertThat(sts.commands.getFirst().duration()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(((Issuance.TokenIssued) result).budget()).isInstanceOf(BudgetDecision.Warned.class);
    }

    @Test
    void bearerToken_overTheCap_isRefused() throws Exception {
        ledger.spent(UsageViews.ownerKeyOf(ALICE), 11 * USD, 11 * USD);

        assertThat(service().bearerToken(ALICE, BearerTokenRequest.DEFAULTS)).isInstanceOf(Issuance.BudgetExhausted.class);
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_ledgerDown_isUnavailableNotIssued() throws Exception {
        ledger.unavailable = true;

        assertThat(service().credentials(ALICE, CredentialsRequest.DEFAULTS)).isEqualTo(
                new Issuance.UpstreamFailed(new UpstreamFailure.Unavailable("dynamodb", Duration.ofSeconds(5))));
        assertThat(sts.commands).isEmpty();
    }
}
