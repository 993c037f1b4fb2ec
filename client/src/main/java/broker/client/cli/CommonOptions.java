package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Broker profile (default: $BEDROCK_BROKER_PROFILE or 'default').")
    String profile;

    @Option(names = {"-v", "--verbose"}, description = "Explain decisions on stderr (never prints secrets).")
    boolean verbose;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Network request timeout, e.g. 20s (default: $BEDROCK_BROKER_TIMEOUT or 20s).")
    Duration timeout;

    /** These options with a command's own refresh-ahead margin (null: not given) and browser choice. */
    public ClientConfig.Flags flags(Duration refreshAhead, boolean noBrowser) {
        return new ClientConfig.Flags(profile, refreshAhead, timeout, verbose, noBrowser);
    }

    /** picocli converter for {@code 900}, {@code 90s}, {@code 15m}, {@code 1h}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
