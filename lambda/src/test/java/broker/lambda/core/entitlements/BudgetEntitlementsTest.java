package broker.lambda.core.entitlements;

import static broker.lambda.core.entitlements.EntitlementsValidatorTest.doc;
import static broker.lambda.core.entitlements.EntitlementsValidatorTest.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetEntitlementsTest {
    @Test
    void budget_dailyAndMonthlyInUsd_becomeMicroUsdWithDefaultThresholds() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse(
                doc("\"default\":" + profile("\"budget\":{\"dailyUsd\":12.5,\"monthlyUsd\":300}")));

        assertThat(document.budgetFor(Set.of())).isEqualTo(
                new Budget(OptionalLong.of(12_500_000), OptionalLong.of(300_000_000), List.of(80, 90)));
    }

    @Test
    void budget_absent_isUnlimited() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse(doc("\"default\":" + profile()));

        assertThat(document.budgetFor(Set.of()).unlimited()).isTrue();
    }

    @Test
    void budgetFor_severalProfiles_takesTheMostGenerousPerPeriod() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse(doc(
                "\"default\":" + profile("\"budget\":{\"dailyUsd\":10,\"monthlyUsd\":100,\"warnAtPercent\":[50,95]}")
                        + ",\"groups\":{\"heavy\":" + profile("\"budget\":{\"dailyUsd\":50,\"warnAtPercent\":[70,80]}")
                        + ",\"free\":" + profile() + "}"));

        assertThat(document.budgetFor(Set.of("heavy"))).isEqualTo(
                new Budget(OptionalLong.of(50_000_000), OptionalLong.empty(), List.of(50, 95)));
        assertThat(document.budgetFor(Set.of("other"))).isEqualTo(
                new Budget(OptionalLong.of(10_000_000), OptionalLong.of(100_000_000), List.of(50, 95)));
        assertThat(document.budgetFor(Set.of("heavy", "free")).unlimited()).isTrue();
    }

    @Test
    void validate_budgetProblems_eachWithItsPath() {
        var problems = EntitlementsValidator.validate(doc("\"default\":" + profile(
                "\"budget\":{\"dailyUsd\":0,\"monthlyUsd\":\"10\",\"warnAtPercent\":[90,80,100],\"weeklyUsd\":5}")));

        assertThat(problems).extracting(EntitlementsProblem::path).containsExactlyInAnyOrder(
                "$.default.budget.weeklyUsd", "$.default.budget.dailyUsd", "$.default.budget.monthlyUsd",
                "$.default.budget.warnAtPercent[1]", "$.default.budget.warnAtPercent[2]");
        assertThat(problems).filteredOn(p -> p.path().endsWith("weeklyUsd")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("Unknown field \"weeklyUsd\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"warnAtPercent\":[80]}"})
    void validate_budgetWithoutCap_isRefused(String budget) {
        assertThat(EntitlementsValidator.validate(doc("\"default\":" + profile("\"budget\":" + budget))))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("$.default.budget");
                    assertThat(p.message()).contains("caps nothing");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0.0000001", "1000000001", "null", "[]", "true"})
    void validate_badAmount_isRefusedAtItsPath(String amount) {
        assertThat(EntitlementsValidator.validate(doc("\"groups\":{\"g\":" + profile("\"budget\":{\"monthlyUsd\":" + amount + "}") + "}")))
                .extracting(EntitlementsProblem::path).containsExactly("$.groups.g.budget.monthlyUsd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[0]", "[50,50]", "[1,2,3,4,5,6]", "[80.5]", "\"80\""})
    void validate_badThresholds_areRefused(String thresholds) {
        assertThat(EntitlementsValidator.validate(doc("\"default\":" + profile(
                "\"budget\":{\"dailyUsd\":1,\"warnAtPercent\":" + thresholds + "}"))))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.path()).startsWith("$.default.budget.warnAtPercent"));
    }

    @Test
    void validate_budgetNotObject_isRefused() {
        assertThat(EntitlementsValidator.validate(doc("\"default\":" + profile("\"budget\":5"))))
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("$.default.budget"));
    }

    @Test
    void validate_decimalWhereWholeNumberExpected_stillRefused() {
        assertThat(EntitlementsValidator.validate(doc("\"default\":" + profile("\"maxSessionSeconds\":1000.5"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("a decimal number"));
    }

    @Test
    void budget_thresholdsOutOfOrder_refusedByTheRecord() {
        assertThatThrownBy(() -> new Budget(OptionalLong.of(1), OptionalLong.empty(), List.of(90, 80)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
