package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.config.ClientConfig;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import java.time.Duration;
import java.util.function.BiFunction;

/** The steps every helper shares: resolve the configuration (with the caller's time limit), then run or report. */
final class HelperRuns {
    /** Exit code of a run that printed its answer (the others come from the failure report). */
    static final int OK = 0;

    private HelperRuns() {
    }

    /**
     * @param timeoutCap a limit on each network request (the caller's own time limit), or null for none: it applies
     *                   to a timeout from {@code --timeout}, the environment or the default alike
     */
    static int run(Services services, ClientConfig.Flags flags, Duration timeoutCap,
                   BiFunction<ClientConfig, ProfileSettings, Integer> body) {
        return switch (services.config(flags)) {
            case Result.Ok<ClientConfig>(var loaded) -> {
                ClientConfig config = capped(loaded, timeoutCap);
                yield switch (services.configured(config)) {
                    case Result.Ok<ProfileSettings>(var settings) -> body.apply(config, settings);
                    case Result.Err<ProfileSettings>(var failure) -> fail(services, config, failure);
                };
            }
            case Result.Err<ClientConfig>(var failure) -> services.failures(flags.profile()).report(failure);
        };
    }

    static int fail(Services services, ClientConfig config, ClientFailure failure) {
        return services.failures(config.profile()).report(failure);
    }

    private static ClientConfig capped(ClientConfig config, Duration cap) {
        if (cap == null || config.timeout().compareTo(cap) <= 0) {
            return config;
        }
        return new ClientConfig(config.files(), config.refreshAhead(), cap, config.verbose(), config.noBrowser(),
                config.settings());
    }

    static boolean needsLogin(ClientFailure failure) {
        return failure instanceof ClientFailure.LoginRequired || failure instanceof ClientFailure.TokenRejected;
    }
}
