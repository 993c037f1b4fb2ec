package broker.lambda.http;

import broker.contract.ApiRoutes;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.state.StateUnavailableException;
import broker.lambda.core.usage.UsageViews;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The usage function's routes: {@code GET /v1/usage} (the caller's today and this month) and
 * {@code GET /v1/admin/usage?month=YYYY-MM[&group=G]} (admins; {@code Accept: text/csv} for CSV).
 */
public final class UsageRoutes {
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final int MAX_GROUP = 256;

    private final UsageViews views;
    private final EntitlementsDocument entitlements;
    private final AuditedRoutes audited;
    private final Responses responses;
    private final java.time.Clock clock;
    private final broker.lambda.core.budget.BudgetStates budgets;
    private final Dispatcher dispatcher;

    public UsageRoutes(IdentityResolver identities, EntitlementsDocument entitlements, UsageViews views,
                       AuditLog audit, Responses responses, java.time.Clock clock) {
        this(identities, entitlements, views, audit, responses, clock, null);
    }

    /** With each person's cap and state in the admins' report ({@code budgets} null: none shown). */
    public UsageRoutes(IdentityResolver identities, EntitlementsDocument entitlements, UsageViews views,
                       AuditLog audit, Responses responses, java.time.Clock clock,
                       broker.lambda.core.budget.BudgetStates budgets) {
        this.budgets = budgets;
        this.views = views;
        this.entitlements = entitlements;
        this.audited = new AuditedRoutes(identities, audit, responses);
        this.responses = responses;
        this.clock = clock;
        this.dispatcher = new Dispatcher(Map.ofEntries(
                audited.route(ApiRoutes.USAGE_MINE, this::mine),
                audited.route(ApiRoutes.ADMIN_USAGE, this::report)), responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }

    private APIGatewayV2HTTPResponse mine(AuditedRoutes.Call call) {
        try {
            return responses.ok(UsageJson.Mine.of(views.mine(call.identity())));
        } catch (StateUnavailableException e) {
            return unavailable(call);
        }
    }

    private APIGatewayV2HTTPResponse report(AuditedRoutes.Call call) {
        if (!entitlements.isAdmin(call.identity().groups())) {
            return audited.refuse(call, ProblemType.ADMIN_REQUIRED, "Only members of an admin group may read everyone's usage.");
        }
        Map<String, String> query = call.request().queryParameters();
        String monthText = query.get("month");
        YearMonth month;
        if (monthText == null || monthText.isEmpty()) {
            month = YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC));
        } else {
            try {
                if (!MONTH.matcher(monthText).matches()) throw new DateTimeParseException("month", monthText, 0);
                month = YearMonth.parse(monthText);
            } catch (DateTimeParseException e) {
                return audited.refuse(call, ProblemType.INVALID_FIELD, "month must be a month such as 2026-12.");
            }
        }
        String group = query.getOrDefault("group", "");
        if (group.length() > MAX_GROUP) {
            return audited.refuse(call, ProblemType.INVALID_FIELD, "group must be at most " + MAX_GROUP + " characters.");
        }
        try {
            var report = views.month(month, group);
            if (wantsCsv(call.request().accept())) {
                return responses.text("text/csv; charset=utf-8", UsageJson.csv(report));
            }
            return responses.ok(budgets == null ? UsageJson.Report.of(report) : UsageJson.Report.of(report,
                    budgets.of(report.rows().stream().map(broker.lambda.core.usage.OwnerTotals::owner).toList())));
        } catch (StateUnavailableException e) {
            return unavailable(call);
        }
    }

    private APIGatewayV2HTTPResponse unavailable(AuditedRoutes.Call call) {
        return audited.refuse(call, ProblemType.UPSTREAM_UNAVAILABLE, "The usage ledger is not answering; retry shortly.",
                Duration.ofSeconds(5));
    }

    /** CSV only when asked for it explicitly (a browser's {@code *}/{@code *} gets JSON). */
    static boolean wantsCsv(String accept) {
        return accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }
}
