package broker.client.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --refresh-ahead} of the commands that print a cached value ({@code credential-process}, {@code export},
 * {@code token}): this run's refresh-ahead margin, over {@code BEDROCK_BROKER_REFRESH_AHEAD} and the profile's.
 */
final class RefreshAheadOption {
    @Option(names = "--refresh-ahead", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Refresh when less than this is left (default: $BEDROCK_BROKER_REFRESH_AHEAD, the profile's"
                    + " setting, or 15m).")
    Duration margin;
}
