package broker.client.cli;

import broker.client.Services;
import broker.client.config.ClientConfig;
import broker.client.core.RefreshPolicy;
import broker.client.core.AwsCredentials;
import broker.client.core.Result;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credential-process} and {@code export}: credentials on stdout in one of the two shapes; never prompts. */
public abstract class CredentialsCommandBase implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--refresh-ahead", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Refresh when less than this is left (default: $BEDROCK_BROKER_REFRESH_AHEAD, the profile's"
                    + " setting, or 15m).")
    Duration refreshAhead;

    private final Services services;
    private final Function<AwsCredentials, String> shape;
    private final Duration floor;

    /** @param floor credentials with less than this left are never printed */
    CredentialsCommandBase(Services services, Function<AwsCredentials, String> shape, Duration floor) {
        this.services = services;
        this.shape = shape;
        this.floor = floor;
    }

    @Override
    public Integer call() {
        // noBrowser: these commands never start a login.
        return serve(services, common.flags(refreshAhead, true), shape, floor);
    }

    /** The whole command; also called directly by {@code Main} for plain invocations, without picocli. */
    public static int serve(Services services, ClientConfig.Flags flags, boolean export) {
        return export ? serve(services, flags, CredentialOutput::export, RefreshPolicy.CLAUDE_CODE_FLOOR)
                : serve(services, flags, CredentialOutput::credentialProcess, RefreshPolicy.DEFAULT_FLOOR);
    }

    private static int serve(Services services, ClientConfig.Flags flags, Function<AwsCredentials, String> shape,
                             Duration floor) {
        return Commands.run(services, flags, config -> switch (services.configured(config)
                .flatMap(settings -> services.credentials(config, settings, config.refreshPolicy().withFloor(floor))
                        .obtain(false))) {
            case Result.Ok<AwsCredentials>(var credentials) -> {
                services.out().println(shape.apply(credentials));
                services.out().flush();
                yield FailureReport.OK;
            }
            case Result.Err<AwsCredentials>(var failure) -> Commands.fail(services, config, failure);
        });
    }
}
