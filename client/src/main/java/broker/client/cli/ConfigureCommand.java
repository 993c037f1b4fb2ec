package broker.client.cli;

import broker.client.config.BrokerUrls;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.store.SettingsFile;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code configure}: fetches the broker's public client configuration and stores it in the profile. */
@Command(description = "Point a profile at a broker: fetches its /v1/client-config and stores it.")
public final class ConfigureCommand extends BrokerCommand {
    @Option(names = "--url", paramLabel = "URL", description = "The broker's API URL (default: $BEDROCK_BROKER_URL).")
    String url;

    @Option(names = "--refresh-ahead", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Store a refresh-ahead margin for this profile (default 15m).")
    Duration refreshAhead;

    public ConfigureCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        String given = url != null ? url : services.env().get(ClientConfig.URL);
        if (given == null) {
            return fail(config, new ClientFailure.InvalidSetting("--url",
                    "give the broker's URL (the stack output of cdk deploy)"));
        }
        URI brokerUrl;
        try {
            brokerUrl = BrokerUrls.parse(given);
        } catch (IllegalArgumentException e) {
            return fail(config, new ClientFailure.InvalidSetting("--url", e.getMessage()));
        }
        return switch (services.broker(config, brokerUrl).clientConfig()) {
            case Result.Err<BrokerSettings>(var failure) -> fail(config, failure);
            case Result.Ok<BrokerSettings>(var broker) -> store(config, brokerUrl, broker);
        };
    }

    private int store(ClientConfig config, URI brokerUrl, BrokerSettings broker) {
        Optional<ProfileSettings> previous = config.configured();
        Duration keep = refreshAhead != null ? refreshAhead : previous.map(ProfileSettings::refreshAhead).orElse(null);
        var settings = new ProfileSettings(brokerUrl, broker, keep);
        if (new SettingsFile(config.files().settings()).write(settings) instanceof Result.Err<Void>(var failure)) {
            return fail(config, failure);
        }
        // The lock file must exist before the profile directory can turn read-only: the lock fails closed.
        services.lock(config).prepare();
        boolean sameIdentity = previous.map(p -> p.brokerUrl().equals(brokerUrl)
                && p.broker().issuer().equals(broker.issuer()) && p.broker().clientId().equals(broker.clientId())).orElse(false);
        if (!sameIdentity) {
            // Tokens from another issuer or broker are useless here, and cached credentials belong to that setup.
            services.tokenFile(config).delete();
            services.clearCaches(config);
        }
        String profile = config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile();
        services.out().println("Configured profile '" + config.profile() + "' for " + brokerUrl
                + (broker.region().isEmpty() ? "" : " (region " + broker.region() + ")") + ".");
        services.out().println("Next: bedrock-broker login" + profile);
        return FailureReport.OK;
    }
}
