package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.usage.Owner;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.UsageReport;
import broker.lambda.core.usage.UsageTotals;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageJsonTest {
    private static final UsageTotals ALICE = new UsageTotals(2, 3000, 300, 0, 0, 13_500);
    private static final UsageTotals STRANGERS = new UsageTotals(1, 10, 0, 0, 0, 30);
    private static final UsageReport REPORT = new UsageReport(YearMonth.of(2026, 12), "", List.of(new OwnerTotals(
            new Owner(Principals.ISSUER, "sub-alice", "=HYPERLINK(\"x\")", List.of("developers", "ml"), Owner.Kind.PERSON), ALICE,
            Instant.parse("2026-12-07T22:00:00Z"))), STRANGERS, ALICE.plus(STRANGERS), Set.of("meta.llama3-70b-instruct-v1:0"));

    @Test
    void csv_oneRowPerPersonThenUnattributedAndTotals() {
        assertThat(UsageJson.csv(REPORT).split("\r\n")).containsExactly(
                "subject,userName,groups,kind,costUsd,requests,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens",
                "sub-alice,\"'=HYPERLINK(\"\"x\"\")\",developers ml,person,0.013500,2,3000,300,0,0",
                ",unattributed,,unattributed,0.000030,1,10,0,0,0",
                ",totals,,totals,0.013530,3,3010,300,0,0");
    }

    @Test
    void escape_formulaLikeCellsArePrefixed_numbersAreNot() {
        assertThat(UsageJson.escape("+1")).isEqualTo("'+1");
        assertThat(UsageJson.escape("@sum")).isEqualTo("'@sum");
        assertThat(UsageJson.escape("-5")).isEqualTo("-5");
        assertThat(UsageJson.escape("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void report_warnsAboutFallbackPricedModels() {
        UsageJson.Report report = UsageJson.Report.of(REPORT);

        assertThat(report.warnings()).singleElement().asString().contains("meta.llama3-70b-instruct-v1:0");
        assertThat(report.group()).isNull();
        assertThat(report.people()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("person"));
    }
}
