package broker.client.cli.helper;

import broker.client.cli.BrokerCommand;
import broker.client.cli.Services;
import broker.client.config.ClientConfig;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import java.time.Duration;

/**
 * The command skeleton for what runs against a configured profile, optionally under the caller's own time limit: a
 * helper that Claude runs with a timeout caps each network request, whatever {@code --timeout} or
 * {@code BEDROCK_BROKER_TIMEOUT} say.
 */
abstract class ConfiguredCommand extends BrokerCommand {
    ConfiguredCommand(Services services) {
        super(services);
    }

    /** A limit on each network request, or null for none. */
    Duration timeoutCap() {
        return null;
    }

    @Override
    protected final int run(ClientConfig loaded) {
        ClientConfig config = capped(loaded, timeoutCap());
        return switch (configured(config)) {
            case Result.Ok<ProfileSettings>(var settings) -> run(config, settings);
            case Result.Err<ProfileSettings>(var failure) -> fail(config, failure);
        };
    }

    /** The command's work for the configured profile; returns the exit code. */
    abstract int run(ClientConfig config, ProfileSettings settings);

    static ClientConfig capped(ClientConfig config, Duration cap) {
        if (cap == null || config.timeout().compareTo(cap) <= 0) {
            return config;
        }
        return new ClientConfig(config.files(), config.refreshAhead(), cap, config.verbose(), config.noBrowser(),
                config.settings());
    }
}
