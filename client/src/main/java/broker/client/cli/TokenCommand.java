package broker.client.cli;

import broker.client.Services;
import broker.client.core.BearerToken;
import broker.client.core.Result;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code token}: a short-term Bedrock API key for {@code AWS_BEARER_TOKEN_BEDROCK}, cached like the credentials.
 * Plain: the token alone on one line (for {@code $(bedrock-broker token)}); {@code --json}: token, expiration, region.
 */
@Command(description = {"Print a short-term Bedrock API key (for AWS_BEARER_TOKEN_BEDROCK).",
        "Plain output is the token alone on one line; --json adds its expiration and region."})
public final class TokenCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--region", paramLabel = "REGION", description = "Region the key is for (default: the broker's).")
    String region;

    @Option(names = "--json", description = "Print {\"token\",\"expiration\",\"region\"} instead of the bare token.")
    boolean json;

    @Option(names = "--refresh-ahead", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Get a new key when less than this is left (default 15m).")
    Duration refreshAhead;

    private final Services services;

    public TokenCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        return Commands.run(services, common.flags(refreshAhead, true), config -> switch (services.configured(config)
                .flatMap(settings -> services.bearerToken(config, settings, region).obtain(false))) {
            case Result.Ok<BearerToken>(var token) -> {
                services.out().println(json ? CredentialOutput.bearerToken(token) : token.token());
                services.out().flush();
                yield FailureReport.OK;
            }
            case Result.Err<BearerToken>(var failure) -> Commands.fail(services, config, failure);
        });
    }
}
