package broker.lambda.core.usage;

import broker.lambda.core.Require;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * The admins' month report ({@code GET /v1/admin/usage}): one row per person or workload, the strangers' usage, the
 * totals and the warnings.
 *
 * @param month          the month (UTC)
 * @param group          the group filter, or the empty string for everyone
 * @param rows           people and workloads, most expensive first
 * @param unattributed   usage of identities the broker did not issue (zero under a group filter)
 * @param totals         the sum of the rows and the unattributed usage
 * @param fallbackModels models priced by the fallback this month (check the pricing document)
 */
public record UsageReport(YearMonth month, String group, List<OwnerTotals> rows, UsageTotals unattributed,
                          UsageTotals totals, Set<String> fallbackModels) {
    public UsageReport {
        Require.nonNull("month group unattributed totals", month, group, unattributed, totals);
        rows = List.copyOf(rows);
        fallbackModels = Set.copyOf(fallbackModels);
    }
}
