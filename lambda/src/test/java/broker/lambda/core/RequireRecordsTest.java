package broker.lambda.core;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.aws.ClientBudget;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.budget.BudgetCutoff;
import broker.lambda.core.budget.BudgetStates;
import broker.lambda.core.entitlements.Budget;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.issuance.BearerToken;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.state.IssuanceKind;
import broker.lambda.core.state.PersonRecord;
import broker.lambda.core.state.SessionRecord;
import broker.lambda.core.usage.InvocationRecord;
import broker.lambda.core.usage.LedgerBatch;
import broker.lambda.core.usage.LedgerDelta;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.Period;
import broker.lambda.core.usage.UsageReport;
import broker.lambda.core.usage.UsageTotals;
import broker.lambda.testing.Principals;
import broker.lambda.testing.RequireChecks;
import broker.lambda.wiring.BrokerConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record that checks its components with {@link Require#nonNull} names them right: built with one component null
 * at a time, a {@link NullPointerException} with a message names that component (a names string that drifted from
 * the components after a rename or a reorder fails here).
 */
class RequireRecordsTest {
    static final Instant T = Instant.parse("2026-12-08T00:00:00Z");

    static List<Record> samples() throws Exception {
        BrokerConfig config = new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-broker-users", "us-east-1",
                EntitlementsDocument.parse("""
                        {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                         "regions":["us-east-1"]}}}"""),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "cli", List.of("openid"), List.of(53682), "", ""),
                null, null, "/bedrock-broker/users/", null);
        Identity alice = Principals.person("00u1alice", "alice", "alice@example.com", List.of("developers"));
        Owner owner = new Owner(Principals.ISSUER, "00u1alice", "alice", List.of("developers"), Owner.Kind.PERSON);
        return List.of(
                ClientBudget.LAMBDA,
                new BudgetCutoff("key", "00u1alice", "day", T, T.plusSeconds(60), List.of("k1")),
                new BudgetStates.State(Budget.UNLIMITED, "ok", false),
                PersonRecord.of(alice, IssuanceKind.CREDENTIALS, T),
                new SessionRecord("alice-abc", "key", "00u1alice", Principals.ISSUER, "alice", List.of(), T, T),
                new InvocationRecord("r1", T, "123456789012", "arn:aws:sts::123456789012:assumed-role/r/alice-abc",
                        "us-east-1", "", "Converse", "anthropic.claude-haiku-4-5-20251001-v1:0", 1, 1, 0, 0),
                alice,
                config,
                config.clientConfig(),
                config.catalog(),
                owner,
                new UsageReport(YearMonth.of(2026, 12), "", List.of(), UsageTotals.ZERO, UsageTotals.ZERO, Set.of()),
                new LedgerDelta(owner, Period.monthOf(T), LedgerDelta.ALL_MODELS, UsageTotals.ZERO),
                new LedgerBatch(List.of("r1"), T, List.of(), T, Map.of()),
                new AuditEvent("credentials", new AuditEvent.Request("req", "203.0.113.7", "test"),
                        AuditEvent.Actor.ANONYMOUS, new AuditEvent.Refused("unauthorized", null)),
                new SessionCredentials("ASIAEXAMPLE", "secret", "token", T),
                new BearerToken("bedrock-api-key-x", "us-east-1", T),
                stateTable());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aMissingComponentIsNamed(Record sample) throws Exception {
        RequireChecks.assertMissingComponentsAreNamed(sample);
    }

    @Test
    void everyCallerIsSampled() throws Exception {
        assertThat(RequireChecks.sourceFilesOf(samples())).isEqualTo(RequireChecks.callers(Path.of("src/main/java")));
    }


    /** The state table's record, on stand-ins for the client and the error mapping (it is package-private). */
    private static Record stateTable() throws Exception {
        Class<?> type = Class.forName("broker.lambda.aws.StateTable");
        Class<?>[] parameters = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> canonical = type.getDeclaredConstructor(parameters);
        canonical.setAccessible(true);
        return (Record) canonical.newInstance(stub(parameters[0]), "table", stub(parameters[2]));
    }

    private static Object stub(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
