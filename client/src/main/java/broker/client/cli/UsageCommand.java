package broker.client.cli;

import broker.client.core.Result;
import broker.client.core.Usage;
import broker.client.remote.BrokerClient;
import java.math.RoundingMode;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code usage}: the caller's Bedrock spend today and this month ({@code GET /v1/usage}). */
@Command(name = "usage", description = "Show your Bedrock usage and its cost today and this month (UTC), by model.")
public final class UsageCommand extends DocumentCommand<Usage> {
    public UsageCommand(Services services) {
        super(services, UsageCommand::request, Usage::document, UsageCommand::text);
    }

    private static Result<Usage> request(BrokerClient broker, String idToken, boolean json) {
        // --json prints the broker's answer as received.
        return broker.usage(idToken).map(usage -> json ? usage : withBudget(usage, broker.me(idToken)));
    }

    /** The usage with the caller's budget from {@code GET /v1/me} beside it (best effort: left out when that fails). */
    private static Usage withBudget(Usage usage, broker.client.core.Result<broker.client.core.Me> me) {
        if (!(me instanceof broker.client.core.Result.Ok<broker.client.core.Me>(var answer))) return usage;
        var document = new java.util.LinkedHashMap<>(usage.document());
        broker.client.core.MyBudget.of(answer.document()).ifPresent(budget -> document.put("budget", answer.document().get("budget")));
        return new Usage(usage.today(), usage.month(), usage.updatedAt(), document);
    }

    static String text(Usage usage) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %-46s %10s %8s %12s %10s %12s %12s%n", "PERIOD", "MODEL",
                "COST USD", "REQUESTS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE"));
        row(out, "today", "all models", usage.today());
        usage.today().byModel().forEach(m -> row(out, "", m.name(), m));
        row(out, "this month", "all models", usage.month());
        usage.month().byModel().forEach(m -> row(out, "", m.name(), m));
        out.append(usage.updatedAt() == null ? "Nothing counted yet this month.\n"
                : "From Bedrock's invocation logs, counted up to " + usage.updatedAt() + ".\n");
        broker.client.core.MyBudget.of(usage.document()).ifPresent(budget -> out.append("Budget: ").append(budget.summary())
                .append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String period, String model, Usage.Period p) {
        out.append(String.format(Locale.ROOT, "%-12s %-46s %10s %8d %12d %10d %12d %12d%n", period, model,
                p.costUsd().setScale(2, RoundingMode.HALF_UP).toPlainString(), p.requests(), p.inputTokens(),
                p.outputTokens(), p.cacheReadTokens(), p.cacheWriteTokens()));
    }
}
