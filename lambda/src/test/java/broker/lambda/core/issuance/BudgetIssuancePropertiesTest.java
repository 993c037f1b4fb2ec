package broker.lambda.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.InMemoryBudgetStore;
import broker.lambda.core.budget.SpendLedger;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.usage.UsageViews;
import broker.lambda.testing.Principals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Through the issuance service: credentials and short-term keys are never issued (and STS never called) for a person
 * whose recorded spend in the current day or month is at or over its cap, and always issued below every cap.
 */
class BudgetIssuancePropertiesTest {
    static final Identity ALICE = Principals.person("alice", "alice", "a@example.com", List.of("developers"));

    @Property(tries = 300)
    void issuance_isNeverAllowed_atOrOverACap(@ForAll @LongRange(min = 1, max = 1_000_000_000) long dailyCap,
                                             @ForAll @LongRange(min = 1, max = 1_000_000_000) long monthlyCap,
                                             @ForAll @LongRange(min = 0, max = 2_000_000_000) long daySpend,
                                             @ForAll @LongRange(min = 0, max = 2_000_000_000) long monthSpend) throws Exception {
        long month = Math.max(monthSpend, daySpend); // a day's spend is part of its month's
        var sts = new CredentialsServiceTest.FakeIssuer();
        CredentialsService service = service(dailyCap, monthlyCap, daySpend, month, sts);

        Issuance credentials = service.credentials(ALICE, CredentialsRequest.DEFAULTS);
        Issuance token = service.bearerToken(ALICE, BearerTokenRequest.DEFAULTS);

        boolean over = daySpend >= dailyCap || month >= monthlyCap;
        if (over) {
            assertThat(credentials).isInstanceOf(Issuance.BudgetExhausted.class);
            assertThat(token).isInstanceOf(Issuance.BudgetExhausted.class);
            assertThat(sts.commands).isEmpty();
        } else {
            assertThat(credentials).isInstanceOf(Issuance.CredentialsIssued.class);
            assertThat(token).isInstanceOf(Issuance.TokenIssued.class);
        }
    }

    private static CredentialsService service(long dailyCap, long monthlyCap, long day, long month,
                                              CredentialsServiceTest.FakeIssuer sts) throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                  "regions":["us-east-1"],"maxSessionSeconds":3600,"shortTermKeys":true,
                  "budget":{"dailyUsd":%s,"monthlyUsd":%s}}}}""".formatted(usd(dailyCap), usd(monthlyCap)));
        Clock clock = Clock.fixed(CredentialsServiceTest.NOW, ZoneOffset.UTC);
        SpendLedger ledger = new SpendLedger().spent(UsageViews.ownerKeyOf(ALICE), day, month);
        return new CredentialsService(document, sts, new CredentialsServiceTest.FakeMinter(),
                new BedrockAccount("aws", "123456789012"), "us-east-1", clock, ModelCatalog.NONE, ModelPreferences.DEFAULT,
                IssuanceRecorder.NONE, new BudgetGate(document, new InMemoryBudgetStore(ledger), clock));
    }

    private static String usd(long microUsd) {
        return BigDecimal.valueOf(microUsd, 6).toPlainString();
    }
}
