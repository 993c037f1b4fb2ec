package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.core.AwsCredentials;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.setup.AwsProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code refresh}, Claude Code's {@code awsAuthRefresh}: puts fresh credentials into one profile of the shared
 * credentials file, signing in through the browser first if needed. Its output is shown to the user.
 */
@Command(description = {"Write fresh credentials into a profile of ~/.aws/credentials (Claude Code awsAuthRefresh).",
        "Signs in with the browser first when needed; only that profile's section is rewritten."})
public final class RefreshCommand extends BrokerCommand {
    public static final String AWS_PROFILE_VARIABLE = AwsProfiles.REFRESH_VARIABLE;
    public static final String DEFAULT_AWS_PROFILE = AwsProfiles.REFRESH_DEFAULT;

    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = "Section of ~/.aws/credentials to write (default: $BEDROCK_BROKER_AWS_PROFILE or 'bedrock-broker';"
                    + " 'bedrock-broker-<profile>' for another --profile).")
    String awsProfile;

    @Option(names = "--no-browser", description = "Do not open a browser if a login is needed; print the URL.")
    boolean noBrowser;

    @Option(names = "--force", description = "Replace the --aws-profile section even if bedrock-broker did not write it.")
    boolean force;

    public RefreshCommand(Services services) {
        super(services);
    }

    @Override
    protected ClientConfig.Flags flags() {
        return common.flags(null, noBrowser);
    }

    @Override
    protected int run(ClientConfig config) {
        String target = awsProfile != null ? awsProfile : AwsProfiles.refreshProfile(config.profile(), services.env());
        var file = services.awsCredentialsFile();
        Result<AwsCredentials> result = configured(config)
                .flatMap(settings -> obtain(config, settings))
                .flatMap(credentials -> file.write(target, config.profile(), credentials, force || ownName(target))
                        .map(ignored -> credentials));
        return finish(config, result, credentials -> services.out().println("Fresh credentials in " + file.path()
                + " [" + target + "], valid until " + credentials.expiration() + "."));
    }

    private Result<AwsCredentials> obtain(ClientConfig config, ProfileSettings settings) {
        // Run after a credential failure: get new credentials even if the cached ones look fresh.
        Result<AwsCredentials> first = services.credentials(config, settings).obtain(true);
        if (!(first instanceof Result.Err<AwsCredentials>(var failure)) || !needsLogin(failure)) {
            return first;
        }
        services.err().println("Your sign-in has expired; signing in again.");
        return LoginCommand.interactiveLogin(services, config, settings, false)
                .flatMap(tokens -> services.credentials(config, settings).obtain(true));
    }

    /** The names this client gives its own sections ({@code bedrock-broker}, {@code bedrock-broker-P}). */
    private static boolean ownName(String section) {
        return section.equals(AwsProfiles.REFRESH_DEFAULT) || section.startsWith(AwsProfiles.REFRESH_DEFAULT + "-");
    }

    private static boolean needsLogin(ClientFailure failure) {
        return failure instanceof ClientFailure.LoginRequired || failure instanceof ClientFailure.TokenRejected;
    }
}
