package broker.lambda.core.usage;

import broker.lambda.core.identity.Identity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** What people and admins see of the ledger: the caller's day and month, the admins' month report. */
public final class UsageViews {
    private final UsageLedger ledger;
    private final Clock clock;

    public UsageViews(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The ledger key of a signed-in caller: {@link broker.lambda.core.identity.PrincipalId#key()}, the same key
     * attribution gives their sessions ({@link Owner#key()}).
     */
    public static String ownerKeyOf(Identity identity) {
        return identity.principal().key();
    }

    /** The caller's usage today and this month. */
    public MyUsage mine(Identity identity) {
        String key = ownerKeyOf(identity);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        OwnerUsage day = ledger.usage(key, Period.day(today));
        OwnerUsage month = ledger.usage(key, Period.month(YearMonth.from(today)));
        Instant updatedAt = month.updatedAt();
        return new MyUsage(day, month, updatedAt);
    }

    /**
     * The month report; with a non-empty {@code group}, only owners who were in that group when their usage was last
     * counted (and no unattributed usage).
     */
    public UsageReport month(YearMonth month, String group) {
        List<OwnerTotals> rows = new ArrayList<>();
        UsageTotals unattributed = UsageTotals.ZERO;
        for (OwnerTotals row : ledger.month(month)) {
            if (row.owner().kind() == Owner.Kind.UNATTRIBUTED) {
                if (group.isEmpty()) unattributed = unattributed.plus(row.total());
            } else if (group.isEmpty() || row.owner().groups().contains(group)) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingLong((OwnerTotals r) -> r.total().costMicroUsd()).reversed()
                .thenComparing(r -> r.owner().userName()).thenComparing(r -> r.owner().key()));
        UsageTotals totals = unattributed;
        for (OwnerTotals row : rows) totals = totals.plus(row.total());
        return new UsageReport(month, group, rows, unattributed, totals, new TreeSet<>(ledger.fallbackPriced(month)));
    }
}
