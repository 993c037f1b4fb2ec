package broker.lambda.http;

import static broker.lambda.http.IamRouteFixture.assertProblem;
import static broker.lambda.http.IamRouteFixture.body;
import static broker.lambda.http.IamRouteFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.InMemoryBudgetStore;
import broker.lambda.core.budget.SpendLedger;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.state.InMemoryBrokerState;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.StateStores;
import broker.lambda.core.usage.UsageViews;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /v1/admin/users/{user}/budget}: checked, stored where the check at issuance reads it, audited. */
class AdminBudgetRoutesTest {
    static final Identity ALICE = broker.lambda.testing.Principals.person("00u1abcd", "alice@example.com", "alice@example.com", List.of("developers"));

    final IamRouteFixture fx = new IamRouteFixture();
    @RegisterExtension
    final WireMockExtension wire = fx.wire;
    final InMemoryBrokerState state = new InMemoryBrokerState();
    final SpendLedger ledger = new SpendLedger();
    final InMemoryBudgetStore budgets = new InMemoryBudgetStore(ledger);
    AdminRoutes admin;

    @BeforeEach
    void setUp() throws Exception {
        fx.start();
        state.recordIssuance(PersonRecord.of(ALICE, IssuanceKind.CREDENTIALS, IamRouteFixture.NOW));
        admin = KeysWiring.adminRoutes(IamRouteFixture.config(), KeysWiring.AdminPorts.of(new IamApiKeys(fx.client),
                new IamRolePolicy(fx.client, "bedrock-broker-users", SessionRevoker.POLICY_NAME), fx.auditLog(), fx.clock())
                .withState(StateStores.of(state)).withBudgets(budgets).withSleeper(wait -> { }));
    }

    @AfterEach
    void tearDown() {
        fx.stop();
    }

    @Test
    void put_storesTheOverrideUnderThePersonsLedgerKey_andAnswersIt() throws Exception {
        var response = admin.handle(event("admin-set-budget.json"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(body(response).get("subject").asText()).isEqualTo("00u1abcd");
        assertThat(body(response).get("dailyUsd").decimalValue()).isEqualByComparingTo("50");
        assertThat(body(response).get("expiresAt").asText()).isEqualTo("2026-12-01T00:00:00Z");
        var stored = budgets.read(UsageViews.ownerKeyOf(ALICE), java.time.LocalDate.parse("2026-11-25")).override();
        assertThat(stored.budget().dailyMicroUsd()).isEqualTo(OptionalLong.of(50_000_000));
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void put_isAuditedAsAChangeWithTheTargetAndTheExpiry() {
        admin.handle(event("admin-set-budget.json"));

        assertThat(fx.audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("admin-budget-override");
            assertThat(e.outcome()).isEqualTo(AuditEvent.CHANGED);
            assertThat(e.target()).isEqualTo("00u1abcd");
            assertThat(e.expiration()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(e.detail()).isEqualTo("dailyUsd=50 monthlyUsd=500 warnAtPercent=[80, 90]");
        });
    }

    @Test
    void put_theOverrideLiftsACapAtTheNextCheck() throws Exception {
        ledger.spent(UsageViews.ownerKeyOf(ALICE), 20_000_000, 20_000_000);
        var gate = new BudgetGate(broker.lambda.core.entitlements.EntitlementsDocument.parse("""
                {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                  "regions":["us-east-1"],"budget":{"dailyUsd":10}}}}"""), budgets, fx.clock());
        assertThat(gate.check(ALICE)).isInstanceOf(BudgetDecision.Exhausted.class);

        admin.handle(event("admin-set-budget.json"));

        assertThat(gate.check(ALICE)).isInstanceOf(BudgetDecision.WithinBudget.class);
    }

    @Test
    void put_unlimited_liftsEveryCap() throws Exception {
        var response = admin.handle(withBody("{\"unlimited\":true,\"expiresAt\":\"2026-11-26T00:00:00Z\"}"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(body(response).get("unlimited").asBoolean()).isTrue();
        assertThat(body(response).has("dailyUsd")).isFalse();
    }

    @Test
    void put_badBudget_isAnInvalidFieldProblemNamingEachField_andStoresNothing() throws Exception {
        var response = admin.handle(withBody("{\"dailyUsd\":-1,\"warnAtPercent\":[90,80],\"expiresAt\":\"2020-01-01T00:00:00Z\"}"));

        assertProblem(response, 400, "invalid-field");
        assertThat(body(response).get("detail").asText()).contains("$.dailyUsd").contains("$.warnAtPercent")
                .contains("$.expiresAt");
        assertThat(budgets.read(UsageViews.ownerKeyOf(ALICE), java.time.LocalDate.parse("2026-11-25")).override()).isNull();
        assertThat(fx.audit).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("invalid-field"));
    }

    @Test
    void put_expiryTooFarAway_isRefused() throws Exception {
        assertProblem(admin.handle(withBody("{\"dailyUsd\":5,\"expiresAt\":\"2027-11-25T00:00:00Z\"}")), 400, "invalid-field");
    }

    @Test
    void put_unknownField_isRefused() throws Exception {
        var response = admin.handle(withBody("{\"dailyUsd\":5,\"weeklyUsd\":1,\"expiresAt\":\"2026-11-26T00:00:00Z\"}"));

        assertProblem(response, 400, "invalid-field");
        assertThat(body(response).get("detail").asText()).contains("weeklyUsd");
    }

    @Test
    void put_forAnUnknownPerson_is404() throws Exception {
        APIGatewayV2HTTPEvent event = event("admin-set-budget.json");
        event.getPathParameters().put("user", "nobody");

        assertProblem(admin.handle(event), 404, "person-not-found");
    }

    @Test
    void put_byANonAdmin_is403() throws Exception {
        APIGatewayV2HTTPEvent event = event("admin-set-budget.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(java.util.Map.of("sub", "00u2bob",
                "iss", broker.lambda.testing.Principals.ISSUER, "email", "bob@example.com", "groups", "[developers]"));

        assertProblem(admin.handle(event), 403, "admin-required");
        assertThat(budgets.read(UsageViews.ownerKeyOf(ALICE), java.time.LocalDate.parse("2026-11-25")).override()).isNull();
    }

    private static APIGatewayV2HTTPEvent withBody(String body) {
        APIGatewayV2HTTPEvent event = event("admin-set-budget.json");
        event.setBody(body);
        return event;
    }
}
