package broker.client.cli;

import broker.client.awsfiles.AwsFiles;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.setup.AwsProfiles;
import broker.client.setup.ClaudeSettings;
import broker.client.setup.CompetingCredentials;
import broker.client.setup.FileChange;
import broker.client.setup.Launcher;
import broker.client.store.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code setup claude}: merges the credential hooks and the Bedrock environment into Claude Code's user settings,
 * keeping every other setting (and byte) of the file.
 */
@Command(name = "claude", description = {"Set up Claude Code (~/.claude/settings.json) to use Bedrock through this client.",
        "Modes: export (default) = awsCredentialExport runs 'bedrock-broker export';",
        "process = AWS_PROFILE names a credential_process profile (also written to ~/.aws/config);",
        "refresh = AWS_PROFILE names a ~/.aws/credentials profile that awsAuthRefresh keeps fresh."})
public final class SetupClaudeCommand extends BrokerCommand {
    @Mixin
    SetupOptions setup;

    @Option(names = "--mode", paramLabel = "MODE", description = "export, process or refresh (default: export).")
    String mode = "export";

    @Option(names = "--telemetry-identity",
            description = "Also set otelHeadersHelper: telemetry headers naming you (bedrock-broker helper otel-headers).")
    boolean telemetryIdentity;

    @Option(names = "--managed", description = "For platform teams: write the policy-helper script next to the launcher"
            + " and print the managed-settings.json that runs it (see docs/claude.md).")
    boolean managed;

    @Option(names = "--otel-endpoint", paramLabel = "URL",
            description = "With --managed: the OTLP collector the managed settings send telemetry to.")
    String otelEndpoint;

    public SetupClaudeCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        if (managed) {
            return ManagedSetup.run(services, config, setup.launcher, otelEndpoint,
                    setup.dryRun);
        }
        ClaudeSettings.Mode chosen;
        try {
            chosen = ClaudeSettings.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fail(config, new ClientFailure.InvalidSetting("--mode",
                    "'" + mode + "' is not a mode (use export, process or refresh)"));
        }
        Result<List<FileChange>> planned = services.configured(config)
                .flatMap(settings -> Launcher.resolve(setup.launcher, services.env())
                        .flatMap(launcher -> changes(config, settings, launcher, chosen)));
        if (!(planned instanceof Result.Ok<List<FileChange>>(var changes))) {
            return fail(config, ((Result.Err<List<FileChange>>) planned).failure());
        }
        warnAboutCompetingCredentials(changes.get(0).after());
        if (config.configured().map(settings -> settings.broker().region().isEmpty()).orElse(false)) {
            services.err().println("bedrock-broker: warning: the broker names no region, and Claude Code needs"
                    + " AWS_REGION: add it to the env of " + changes.get(0).path() + ".");
        }
        int code = setup.write(services, config, changes);
        if (code == FailureReport.OK && !setup.dryRun) {
            nextSteps(config, chosen);
        }
        return code;
    }

    private Result<List<FileChange>> changes(ClientConfig config, ProfileSettings settings, Launcher launcher,
                                             ClaudeSettings.Mode chosen) {
        Path file = ClaudeSettings.locate(services.env());
        String before;
        try {
            before = FileChange.read(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
        var plan = ClaudeSettings.plan(chosen, launcher, config.profile(), settings.broker(),
                CallerModels.choose(services, config, settings), services.env());
        if (telemetryIdentity) {
            plan = broker.client.setup.ManagedSettings.withTelemetryIdentity(plan, launcher, config.profile());
        }
        String after;
        try {
            after = ClaudeSettings.apply(before, plan);
        } catch (JsonException e) {
            String where = e.position(before);
            return Result.err(new ClientFailure.LocalFile(file.toString(), "it is not valid JSON (" + plainMessage(e)
                    + (where.isEmpty() ? "" : " at " + where) + "), so nothing was changed; fix it or move it away,"
                    + " then run setup claude again"));
        }
        var changes = new ArrayList<FileChange>();
        changes.add(new FileChange(file, StandardCharsets.UTF_8, before, after));
        if (chosen == ClaudeSettings.Mode.PROCESS) {
            Result<FileChange> aws = SetupAwsCommand.change(services, config, settings, launcher,
                    AwsProfiles.processProfile(config.profile()), false);
            if (!(aws instanceof Result.Ok<FileChange>(var change))) {
                return Result.err(((Result.Err<FileChange>) aws).failure());
            }
            changes.add(change);
        }
        return Result.ok(changes);
    }

    private static String plainMessage(JsonException e) {
        String message = e.getMessage();
        int at = message.lastIndexOf(" at offset ");
        return at < 0 ? message : message.substring(0, at);
    }

    @SuppressWarnings("unchecked")
    private void warnAboutCompetingCredentials(String settingsText) {
        Map<String, Object> settingsEnv = Map.of();
        try {
            if (Json.parseObject(settingsText).get(ClaudeSettings.ENV) instanceof Map<?, ?> env) {
                settingsEnv = (Map<String, Object>) env;
            }
            List<String> findings = CompetingCredentials.find(services.env(),
                    FileChange.read(AwsFiles.credentials(services.env()), StandardCharsets.ISO_8859_1),
                    FileChange.read(AwsFiles.config(services.env()), StandardCharsets.ISO_8859_1), settingsEnv);
            for (String finding : findings) {
                services.err().println("bedrock-broker: warning: " + finding + ".");
            }
        } catch (IOException | JsonException e) {
            // Only a warning: if the files cannot be read, doctor will say so.
        }
    }

    private void nextSteps(ClientConfig config, ClaudeSettings.Mode chosen) {
        String p = config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile();
        boolean signedIn = services.tokenFile(config).read().isPresent();
        services.err().println("Claude Code now gets Bedrock credentials from bedrock-broker (" + chosen.id() + " mode)."
                + (signedIn ? " Start a new Claude Code session." : " Next: bedrock-broker login" + p));
    }
}
