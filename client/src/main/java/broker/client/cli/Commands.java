package broker.client.cli;

import broker.client.Services;
import broker.client.config.ClientConfig;
import broker.client.core.ClientFailure;
import broker.client.core.Result;
import java.util.function.Function;

/** Shared steps of the commands: resolve the configuration, then run, reporting a failure in one place. */
final class Commands {
    private Commands() {
    }

    static int run(Services services, ClientConfig.Flags flags, Function<ClientConfig, Integer> body) {
        return switch (services.config(flags)) {
            case Result.Ok<ClientConfig>(var config) -> body.apply(config);
            case Result.Err<ClientConfig>(var failure) -> services.failures(flags.profile()).report(failure);
        };
    }

    static int fail(Services services, ClientConfig config, ClientFailure failure) {
        return services.failures(config.profile()).report(failure);
    }
}
