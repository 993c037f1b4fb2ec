package broker.client.cli.helper;

import broker.client.cli.CommonOptions;
import broker.client.config.ClientConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code helper} command takes (as every other command does). */
public final class HelperOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Broker profile (default: $BEDROCK_BROKER_PROFILE or 'default').")
    String profile;

    @Option(names = {"-v", "--verbose"}, description = "Explain decisions on stderr (never prints secrets).")
    boolean verbose;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Network request timeout, e.g. 20s (default: $BEDROCK_BROKER_TIMEOUT or 20s).")
    Duration timeout;

    ClientConfig.Flags flags(boolean noBrowser) {
        return new ClientConfig.Flags(profile, null, timeout, verbose, noBrowser);
    }
}
