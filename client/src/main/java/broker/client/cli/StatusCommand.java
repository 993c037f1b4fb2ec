package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.AwsCredentials;
import broker.client.core.BrokerProbe;
import broker.client.core.Cached;
import broker.client.core.OidcTokens;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.store.Codecs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code status}: the profile, the broker and whether it answers, the sign-in, and the cached credentials. Reads the
 * local files and asks only the broker's public configuration route: it never signs in, refreshes or issues anything.
 */
@Command(name = "status", description = "Show the profile, sign-in state, token and credential expiry, and whether the broker answers.")
public final class StatusCommand extends BrokerCommand {
    public StatusCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        return finish(config, configured(config), settings -> print(config, settings));
    }

    private void print(ClientConfig config, ProfileSettings settings) {
        Instant now = services.clock().instant();
        var out = services.out();
        line("Profile", config.profile() + " (" + config.files().directory() + ")");
        String region = settings.broker().region().isEmpty() ? "" : ", region " + settings.broker().region();
        String reachable = switch (services.broker(config, settings.brokerUrl()).probe()) {
            case Result.Ok<BrokerProbe> ok -> "reachable";
            case Result.Err<BrokerProbe>(var failure) -> "NOT reachable: " + services.failures(config.profile()).sentence(failure);
        };
        line("Broker", settings.brokerUrl() + region + " (" + reachable + ")");
        Optional<OidcTokens> tokens = services.tokenFile(config).read();
        if (tokens.isEmpty()) {
            line("Signed in", "no. Run: bedrock-broker login" + profileFlag(config));
        } else {
            OidcTokens t = tokens.get();
            String who = t.subject() == null ? "yes" : "yes, as " + t.subject();
            String idToken = t.idTokenUsableAt(now) ? "ID token valid until " + t.idTokenExpiresAt() + " (" + left(now, t.idTokenExpiresAt()) + ")"
                    : "ID token expired at " + t.idTokenExpiresAt();
            String renewal = t.canRefresh() ? "; renewed silently with the refresh token" : "; no refresh token: log in again when it expires";
            line("Signed in", who + "; " + idToken + renewal);
            if (t.idTokenUsableAt(now)) budget(config, settings);
        }
        Optional<Cached<AwsCredentials>> cached = Codecs.credentialsCache(config.files()).read();
        if (cached.isEmpty()) {
            line("Credentials", "none cached (the next credential-process or export gets them)");
        } else {
            Cached<AwsCredentials> c = cached.get();
            line("Credentials", c.expiresAt().isAfter(now)
                    ? "cached, valid until " + c.expiresAt() + " (" + left(now, c.expiresAt()) + "; refreshed "
                            + config.refreshPolicy().marginFor(c).toMinutes() + " min before)"
                    : "cached ones expired at " + c.expiresAt() + " (the next credential-process or export renews them)");
        }
        out.flush();
    }

    /** The budget line from {@code GET /v1/me} with the stored ID token; nothing when the broker shows none. */
    private void budget(ClientConfig config, ProfileSettings settings) {
        if (services.idTokens(config, settings).idToken(false) instanceof Result.Ok<String>(var idToken)
                && services.broker(config, settings.brokerUrl()).me(idToken) instanceof Result.Ok<broker.client.core.Me>(var me)) {
            broker.client.core.MyBudget.of(me.document()).ifPresent(budget -> line("Budget", budget.summary()));
        }
    }

    private void line(String name, String value) {
        services.out().println(name + ":" + " ".repeat(Math.max(1, 13 - name.length())) + value);
    }

    private static String left(Instant now, Instant until) {
        Duration d = Duration.between(now, until);
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min left" : d.toMinutes() + " min left";
    }

    private static String profileFlag(ClientConfig config) {
        return config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile();
    }
}
