package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.setup.AwsProfiles;
import picocli.CommandLine.Option;

/**
 * {@code --aws-profile} of the commands that name the {@code credential_process} profile in {@code ~/.aws/config}
 * ({@code setup aws} writes it, {@code env} points {@code AWS_PROFILE} at it), with the same default for both.
 */
final class ProcessProfileOption {
    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = "AWS profile name (default: 'bedrock', or 'bedrock-<profile>' for another --profile).")
    String awsProfile;

    /** The profile given, else the one this client names for the broker profile. */
    String name(ClientConfig config) {
        return awsProfile != null ? awsProfile : AwsProfiles.processProfile(config.profile());
    }
}
