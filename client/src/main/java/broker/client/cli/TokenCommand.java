package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.CredentialOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code token}: a short-term Bedrock API key for {@code AWS_BEARER_TOKEN_BEDROCK}, cached like the credentials.
 * Plain: the token alone on one line (for {@code $(bedrock-broker token)}); {@code --json}: token, expiration, region.
 */
@Command(description = {"Print a short-term Bedrock API key (for AWS_BEARER_TOKEN_BEDROCK).",
        "Plain output is the token alone on one line; --json adds its expiration and region."})
public final class TokenCommand extends BrokerCommand {
    @Option(names = "--region", paramLabel = "REGION", description = "Region the key is for (default: the broker's).")
    String region;

    @Option(names = "--json", description = "Print {\"token\",\"expiration\",\"region\"} instead of the bare token.")
    boolean json;

    @Mixin
    RefreshAheadOption refreshAhead;

    public TokenCommand(Services services) {
        super(services);
    }

    @Override
    protected ClientConfig.Flags flags() {
        return common.flags(refreshAhead.margin, true);
    }

    @Override
    protected int run(ClientConfig config) {
        return finish(config, configured(config).flatMap(settings -> services.bearerToken(config, settings, region)
                .obtain(false)), token -> services.out().println(json ? CredentialOutput.bearerToken(token) : token.token()));
    }
}
