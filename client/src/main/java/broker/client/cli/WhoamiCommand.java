package broker.client.cli;

import broker.client.core.Me;
import picocli.CommandLine.Command;

/** {@code whoami}: who the broker sees ({@code GET /v1/me}) and what they may use. */
@Command(name = "whoami", description = "Show who the broker thinks you are, and your entitlement.")
public final class WhoamiCommand extends DocumentCommand<Me> {
    public WhoamiCommand(Services services) {
        super(services, (broker, idToken, json) -> broker.me(idToken), Me::document, WhoamiCommand::text);
    }

    static String text(Me me) {
        var out = new StringBuilder();
        line(out, "Subject", me.subject());
        line(out, "User", me.userName());
        line(out, "Email", me.email());
        line(out, "Groups", me.groups().isEmpty() ? "(none)" : String.join(", ", me.groups()));
        Me.Entitlement e = me.entitlement();
        if (e == null) {
            line(out, "Entitlement", "none: ask your platform team for access to Bedrock");
            return out.toString();
        }
        line(out, "Models", e.models().isEmpty() ? "(none)" : String.join(", ", e.models()));
        line(out, "Regions", String.join(", ", e.regions()));
        line(out, "Sessions", "up to " + e.maxSessionSeconds() / 60 + " min");
        line(out, "Short-term keys", e.shortTermKeys() ? "allowed (bedrock-broker token)" : "not allowed");
        line(out, "Long-term keys", e.longTermKeys() ? "up to " + e.longTermKeysMax() + ", each for at most "
                + e.longTermKeyMaxAgeDays() + " days (bedrock-broker api-key)" : "not allowed");
        if (e.admin()) {
            line(out, "Admin", "yes");
        }
        broker.client.core.MyBudget.of(me.document()).ifPresent(budget -> line(out, "Budget", budget.summary()));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.append(name).append(':').append(" ".repeat(Math.max(1, 17 - name.length()))).append(value).append('\n');
        }
    }
}
