package broker.lambda.http;

import broker.lambda.core.usage.MyUsage;
import broker.lambda.core.usage.OwnerTotals;
import broker.lambda.core.usage.OwnerUsage;
import broker.lambda.core.usage.UsageReport;
import broker.lambda.core.usage.UsageTotals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The JSON and CSV shapes of {@code GET /v1/usage} and {@code GET /v1/admin/usage}. */
final class UsageJson {
    private UsageJson() {}

    /** {@code GET /v1/usage}. */
    record Mine(PeriodView today, PeriodView month, String updatedAt) {
        static Mine of(MyUsage usage) {
            return new Mine(PeriodView.of(usage.today()), PeriodView.of(usage.month()),
                    usage.updatedAt() == null ? null : usage.updatedAt().toString());
        }
    }

    /** One period's totals and its models. */
    record PeriodView(String period, BigDecimal costUsd, long requests, long inputTokens, long outputTokens,
                      long cacheReadTokens, long cacheWriteTokens, List<ModelView> byModel) {
        static PeriodView of(OwnerUsage usage) {
            UsageTotals t = usage.total();
            return new PeriodView(usage.period().key(), t.costUsd(), t.requests(), t.inputTokens(), t.outputTokens(),
                    t.cacheReadTokens(), t.cacheWriteTokens(),
                    usage.byModel().entrySet().stream().map(e -> ModelView.of(e.getKey(), e.getValue())).toList());
        }
    }

    record ModelView(String model, BigDecimal costUsd, long requests, long inputTokens, long outputTokens,
                     long cacheReadTokens, long cacheWriteTokens) {
        static ModelView of(String model, UsageTotals t) {
            return new ModelView(model, t.costUsd(), t.requests(), t.inputTokens(), t.outputTokens(),
                    t.cacheReadTokens(), t.cacheWriteTokens());
        }
    }

    record Totals(BigDecimal costUsd, long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                  long cacheWriteTokens) {
        static Totals of(UsageTotals t) {
            return new Totals(t.costUsd(), t.requests(), t.inputTokens(), t.outputTokens(), t.cacheReadTokens(),
                    t.cacheWriteTokens());
        }
    }

    /** {@code GET /v1/admin/usage}: {@code group} is null without a filter. */
    record Report(String month, String group, List<Row> people, Totals unattributed, Totals totals,
                  List<String> warnings) {
        static Report of(UsageReport report) {
            return of(report, java.util.Map.of());
        }

        /** With each person's budget ({@code budgets} by owner key; a person missing from it gets none). */
        static Report of(UsageReport report, java.util.Map<String, broker.lambda.core.budget.BudgetStates.State> budgets) {
            List<String> warnings = report.fallbackModels().stream().sorted()
                    .map(m -> "Model " + m + " is not in the price list: it was charged at the fallback price.").toList();
            return new Report(report.month().toString(), report.group().isEmpty() ? null : report.group(),
                    report.rows().stream().map(row -> Row.of(row, budgets.get(row.owner().key()))).toList(),
                    Totals.of(report.unattributed()), Totals.of(report.totals()), warnings);
        }
    }

    /**
     * A person's budget in the admins' report: the caps in force (null: uncapped), whether an admin override sets them,
     * and the state: {@code ok}, {@code warned}, {@code shortened}, {@code exhausted} or {@code cut-off}.
     */
    record RowBudget(BigDecimal dailyUsd, BigDecimal monthlyUsd, Boolean overridden, String state) {
        static RowBudget of(broker.lambda.core.budget.BudgetStates.State state) {
            return state == null ? null : new RowBudget(Views.usd(state.budget().dailyMicroUsd()),
                    Views.usd(state.budget().monthlyMicroUsd()), state.overridden() ? Boolean.TRUE : null, state.state());
        }
    }

    /** {@code budget}: absent when the function reads no budgets. */
    record Row(String subject, String issuer, String userName, List<String> groups, String kind, BigDecimal costUsd,
               long requests, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
               String updatedAt, RowBudget budget) {
        static Row of(OwnerTotals row) {
            return of(row, null);
        }

        static Row of(OwnerTotals row, broker.lambda.core.budget.BudgetStates.State budget) {
            UsageTotals t = row.total();
            return new Row(row.owner().subject(), row.owner().issuer(), row.owner().userName(), row.owner().groups(),
                    row.owner().kind().name().toLowerCase(Locale.ROOT), t.costUsd(), t.requests(), t.inputTokens(),
                    t.outputTokens(), t.cacheReadTokens(), t.cacheWriteTokens(),
                    row.updatedAt() == null ? null : row.updatedAt().toString(), RowBudget.of(budget));
        }
    }

    /**
     * The report as CSV (RFC 4180, CRLF): one row per person or workload, then {@code unattributed} and {@code totals}.
     * Cells that a spreadsheet would run as a formula ({@code = + - @}, tab, CR) are prefixed with {@code '}.
     */
    static String csv(UsageReport report) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("subject", "userName", "groups", "kind", "costUsd", "requests", "inputTokens",
                "outputTokens", "cacheReadTokens", "cacheWriteTokens"));
        for (OwnerTotals row : report.rows()) {
            line(out, cells(row.owner().subject(), row.owner().userName(), String.join(" ", row.owner().groups()),
                    row.owner().kind().name().toLowerCase(Locale.ROOT), row.total()));
        }
        line(out, cells("", "unattributed", "", "unattributed", report.unattributed()));
        line(out, cells("", "totals", "", "totals", report.totals()));
        return out.toString();
    }

    private static List<String> cells(String subject, String userName, String groups, String kind, UsageTotals t) {
        return List.of(subject, userName, groups, kind, t.costUsd().toPlainString(), Long.toString(t.requests()),
                Long.toString(t.inputTokens()), Long.toString(t.outputTokens()), Long.toString(t.cacheReadTokens()),
                Long.toString(t.cacheWriteTokens()));
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(escape(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String escape(String cell) {
        String safe = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !isNumber(cell) ? "'" + cell : cell;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?[0-9]+(\\.[0-9]+)?");
    }
}
