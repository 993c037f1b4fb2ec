package broker.client.cli;

import broker.client.awsfiles.AwsFiles;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.BearerToken;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.setup.AwsConfig;
import broker.client.setup.BedrockVariables;
import broker.client.setup.FileChange;
import broker.client.shell.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code env}: the environment lines for Bedrock in the user's shell, quoted so that the shell reads each value back
 * exactly. {@code --persist} stores them in the Windows user environment, or prints a snippet for the shell's
 * start-up file elsewhere.
 */
@Command(name = "env", description = {"Print the environment variables for Bedrock (Claude Code and other tools).",
        "Use: eval \"$(bedrock-broker env)\" (bash, zsh); bedrock-broker env --shell fish | source;",
        "bedrock-broker env --shell powershell | Invoke-Expression. --persist: keep them (Windows user environment)."})
public final class EnvCommand extends BrokerCommand {
    @Option(names = "--shell", paramLabel = "SHELL",
            description = "bash, zsh, fish, powershell or cmd (default: PowerShell on Windows, else $SHELL).")
    String shell;

    @Option(names = "--persist", description = "Windows: save in your user environment (like Control Panel does);"
            + " elsewhere: print a snippet for your shell's start-up file.")
    boolean persist;

    @Option(names = "--bearer-token", description = "Set AWS_BEARER_TOKEN_BEDROCK to a fresh short-term Bedrock API key"
            + " instead of AWS_PROFILE (tools read it once: it expires within hours).")
    boolean bearerToken;

    @Mixin
    ProcessProfileOption awsProfile;

    public EnvCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        Shell target;
        try {
            target = shell != null ? Shell.parse(shell) : Shell.detect(services.env().get("SHELL"), services.env().isWindows());
        } catch (IllegalArgumentException e) {
            return fail(config, new ClientFailure.InvalidSetting("--shell", e.getMessage()));
        }
        if (persist && bearerToken) {
            return fail(config, new ClientFailure.InvalidSetting("--persist", "a bearer token"
                    + " expires within hours, so it is not worth keeping; persist AWS_PROFILE (without --bearer-token)"));
        }
        Result<Map<String, String>> variables = services.configured(config).flatMap(settings -> variables(config, settings));
        if (!(variables instanceof Result.Ok<Map<String, String>>(var values))) {
            return fail(config, ((Result.Err<Map<String, String>>) variables).failure());
        }
        for (var entry : values.entrySet()) {
            String problem = target.cannotExpress(entry.getValue());
            if (problem != null) {
                return fail(config, new ClientFailure.InvalidSetting(entry.getKey(),
                        "its value " + problem + "; use another --shell"));
            }
        }
        if (persist && services.env().isWindows()) {
            return persistOnWindows(config, values);
        }
        if (persist) {
            services.out().println(target.comment("Amazon Bedrock through bedrock-broker (profile " + config.profile()
                    + "); add to " + target.profileFile()));
        }
        for (var entry : values.entrySet()) {
            services.out().println(target.assignment(entry.getKey(), entry.getValue()));
        }
        services.out().flush();
        if (persist) {
            services.err().println("Append it to your start-up file: bedrock-broker env --shell " + target.id()
                    + " --persist >> " + target.profileFile());
        }
        return FailureReport.OK;
    }

    private Result<Map<String, String>> variables(ClientConfig config, ProfileSettings settings) {
        if (bearerToken) {
            return services.bearerToken(config, settings, null).obtain(false)
                    .map((BearerToken token) -> BedrockVariables.of(settings.broker(),
                            CallerModels.choose(services, config, settings), null, token.token()));
        }
        String name = awsProfile.name(config);
        try {
            String text = FileChange.read(AwsFiles.config(services.env()), StandardCharsets.ISO_8859_1);
            if (AwsConfig.profile(text, name) == null) {
                services.err().println("bedrock-broker: note: AWS profile '" + name + "' is not in "
                        + AwsFiles.config(services.env()) + " yet. Run: bedrock-broker setup aws"
                        + (config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile()));
            }
        } catch (IOException e) {
            // The note is only a hint.
        }
        return Result.ok(BedrockVariables.of(settings.broker(), CallerModels.choose(services, config, settings), name,
                null));
    }

    private int persistOnWindows(ClientConfig config, Map<String, String> values) {
        if (services.windowsUserEnvironment().set(values) instanceof Result.Err<Void>(var failure)) {
            return fail(config, failure);
        }
        for (var entry : values.entrySet()) {
            services.err().println("  " + entry.getKey() + "=" + entry.getValue());
        }
        services.err().println("Saved in your user environment. Open a new terminal (or restart Claude Code) to use them.");
        return FailureReport.OK;
    }
}
