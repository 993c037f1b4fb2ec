package broker.lambda.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.testing.Principals;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.pricing.PriceTable;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageViewsTest {
    private static final Owner ALICE = new Owner(Principals.ISSUER, "sub-alice", "alice", List.of("developers"), Owner.Kind.PERSON);
    private static final Owner BOB = new Owner(Principals.ISSUER, "sub-bob", "bob", List.of("research"), Owner.Kind.PERSON);

    private final MemoryUsageLedger ledger = new MemoryUsageLedger();
    private final Clock clock = Clock.fixed(UsageIngestionTest.NOW, ZoneOffset.UTC);
    private final UsageViews views = new UsageViews(ledger, clock);

    UsageViewsTest() {
        new UsageIngestion(PriceTable.defaults(),
                new Owners().session("alice-abcdefghijkl", ALICE).keyUser("bob", BOB).attributor(),
                ledger, IngestionEvents.NONE, clock, UsageIngestion.DEFAULT_WINDOW).ingest(List.of(
                UsageIngestionTest.record("r1", UsageIngestionTest.ALICE_ARN, UsageIngestionTest.SONNET, 1000, 100),
                UsageIngestionTest.record("r2", UsageIngestionTest.ALICE_ARN, UsageIngestionTest.HAIKU, 1000, 100,
                        UsageIngestionTest.NOW.minusSeconds(86_400)),
                UsageIngestionTest.record("r3", UsageIngestionTest.BOB_ARN, UsageIngestionTest.SONNET, 100_000, 10_000),
                UsageIngestionTest.record("r4", UsageIngestionTest.STRANGER_ARN, UsageIngestionTest.SONNET, 10, 0)));
    }

    @Test
    void mine_showsTodayAndTheMonthByModel() {
        MyUsage mine = views.mine(Principals.person("sub-alice", "alice", "", List.of("developers")));

        assertThat(mine.today().total().requests()).isEqualTo(1);
        assertThat(mine.month().total().requests()).isEqualTo(2);
        assertThat(mine.month().byModel()).containsOnlyKeys("anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(mine.updatedAt()).isEqualTo(UsageIngestionTest.NOW);
    }

    @Test
    void mine_nothingCounted_isZeroWithoutUpdatedAt() {
        MyUsage mine = views.mine(Principals.person("sub-carol", "carol", "", List.of()));

        assertThat(mine.month().total()).isEqualTo(UsageTotals.ZERO);
        assertThat(mine.updatedAt()).isNull();
    }

    @Test
    void month_listsEveryoneMostExpensiveFirstWithUnattributedAndTotals() {
        UsageReport report = views.month(YearMonth.of(2026, 12), "");

        assertThat(report.rows()).extracting(r -> r.owner().userName()).containsExactly("bob", "alice");
        assertThat(report.unattributed().requests()).isEqualTo(1);
        assertThat(report.totals().requests()).isEqualTo(4);
        assertThat(report.totals().costMicroUsd()).isEqualTo(report.rows().stream()
                .mapToLong(r -> r.total().costMicroUsd()).sum() + report.unattributed().costMicroUsd());
    }

    @Test
    void month_groupFilter_showsOnlyThatGroupAndNoStrangers() {
        UsageReport report = views.month(YearMonth.of(2026, 12), "developers");

        assertThat(report.rows()).extracting(r -> r.owner().userName()).containsExactly("alice");
        assertThat(report.unattributed()).isEqualTo(UsageTotals.ZERO);
        assertThat(report.totals().requests()).isEqualTo(2);
    }
}
