package broker.client.cli;

import broker.client.awsfiles.AwsCredentialsFile;
import broker.client.awsfiles.AwsFiles;
import broker.client.awsfiles.IniSections;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.setup.AwsConfig;
import broker.client.setup.AwsProfiles;
import broker.client.setup.FileChange;
import broker.client.setup.Launcher;
import broker.client.store.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code setup aws}: a {@code credential_process} profile in {@code ~/.aws/config} ({@code $AWS_CONFIG_FILE}) that runs
 * this launcher, for the AWS CLI and every AWS SDK.
 */
@Command(name = "aws", description = {"Add (or update) a credential_process profile in ~/.aws/config that runs this client.",
        "Then: aws --profile bedrock ..., or AWS_PROFILE=bedrock for any AWS SDK."})
public final class SetupAwsCommand extends BrokerCommand {
    @Mixin
    SetupOptions setup;

    @Mixin
    ProcessProfileOption awsProfile;

    @Option(names = "--force", description = "Replace the AWS profile even if it was not written by bedrock-broker.")
    boolean force;

    public SetupAwsCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        String name = awsProfile.name(config);
        Result<FileChange> planned = services.configured(config)
                .flatMap(settings -> Launcher.resolve(setup.launcher, services.env())
                        .flatMap(launcher -> change(services, config, settings, launcher, name, force)));
        if (!(planned instanceof Result.Ok<FileChange>(var change))) {
            return fail(config, ((Result.Err<FileChange>) planned).failure());
        }
        int code = setup.write(services, config, List.of(change));
        if (code == FailureReport.OK && !setup.dryRun) {
            services.err().println("Use it with: aws --profile " + name + " ...  (or AWS_PROFILE=" + name
                    + " for any AWS SDK)");
        }
        return code;
    }

    /** The change to the AWS config file that makes profile {@code name} run this launcher; shared with setup claude. */
    static Result<FileChange> change(Services services, ClientConfig config, ProfileSettings settings, Launcher launcher,
                                     String name, boolean force) {
        if (!AwsCredentialsFile.validProfile(name)) {
            return Result.err(new ClientFailure.InvalidSetting("--aws-profile",
                    "'" + name + "' is not a usable AWS profile name (letters, digits, '-', '_', '.', '@', '+')"));
        }
        if (AwsProfiles.reservedForRefresh(name, services.env())) {
            return Result.err(new ClientFailure.InvalidSetting("--aws-profile", "'" + name + "' is the kind of name"
                    + " 'bedrock-broker refresh' writes into ~/.aws/credentials, which would outrank credential_process;"
                    + " choose another name"));
        }
        Path configFile = AwsFiles.config(services.env());
        Path credentialsFile = AwsFiles.credentials(services.env());
        String before;
        try {
            String credentials = FileChange.read(credentialsFile, StandardCharsets.ISO_8859_1);
            if (credentials != null && IniSections.sections(credentials).contains(name)) {
                return Result.err(new ClientFailure.InvalidSetting("--aws-profile", credentialsFile + " has a ["
                        + name + "] profile, which would outrank credential_process: choose another name, or remove"
                        + " that section"));
            }
            before = FileChange.read(configFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(configFile.toString(), IoMessages.describe(e)));
        }
        Map<String, String> wanted = AwsConfig.settings(launcher, config.profile(), settings.broker());
        Map<String, String> existing = AwsConfig.profile(before, name);
        String after;
        if (existing == null || ours(existing)) {
            after = AwsConfig.apply(before, name, wanted);
        } else if (force) {
            var lines = new ArrayList<String>();
            wanted.forEach((key, value) -> lines.add(key + " = " + value));
            after = IniSections.replace(before, AwsFiles.configSection(name), lines);
        } else {
            return Result.err(new ClientFailure.InvalidSetting("--aws-profile", "the AWS profile '" + name + "' in "
                    + configFile + " was not written by bedrock-broker: choose another name, or replace it with --force"));
        }
        return Result.ok(new FileChange(configFile, StandardCharsets.ISO_8859_1, before, after));
    }

    /** A profile this client may update in place: only its own credential_process, or nothing that gets credentials. */
    private static boolean ours(Map<String, String> profile) {
        String process = profile.get(AwsConfig.CREDENTIAL_PROCESS);
        if (process != null) {
            return process.contains("bedrock-broker");
        }
        return List.of("aws_access_key_id", "sso_session", "sso_start_url", "role_arn", "source_profile",
                "web_identity_token_file", "credential_source").stream().noneMatch(profile::containsKey);
    }
}
