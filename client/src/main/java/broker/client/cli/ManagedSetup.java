package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.json.Json;
import broker.client.setup.FileChange;
import broker.client.setup.Launcher;
import broker.client.setup.ManagedSettings;
import broker.client.store.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code setup claude --managed}, for platform teams: writes the policy-helper script next to the launcher (Claude
 * Code runs a {@code policyHelper} by absolute path with no arguments) and prints the {@code managed-settings.json}
 * that names it, with the file's place on each OS. The script is the same for every user: {@code helper policy}
 * reads the profile of whoever runs it. Not on Windows, where Claude Code runs only an {@code .exe} as policy helper.
 */
final class ManagedSetup {
    static final String SCRIPT = "bedrock-broker-policy-helper";

    private ManagedSetup() {
    }

    /**
     * @param launcherFlag {@code --launcher}, or null
     * @param otelEndpoint {@code --otel-endpoint}, or null
     */
    static int run(Services services, ClientConfig config, String launcherFlag, String otelEndpoint,
                          boolean dryRun) {
        if (!(services.configured(config) instanceof Result.Ok<ProfileSettings>)) {
            return fail(services, config, new ClientFailure.NotConfigured(config.profile()));
        }
        if (services.env().isWindows()) {
            return fail(services, config, new ClientFailure.InvalidSetting("--managed",
                    "Claude Code runs a policy helper on Windows only from an .exe, and bedrock-broker's launcher is a"
                            + " .cmd script; see docs/claude.md for the managed settings to deploy instead"));
        }
        if (!(Launcher.resolve(launcherFlag, services.env()) instanceof Result.Ok<Launcher>(var launcher))) {
            return fail(services, config, ((Result.Err<Launcher>) Launcher.resolve(launcherFlag,
                    services.env())).failure());
        }
        Path script = Path.of(launcher.path()).resolveSibling(SCRIPT);
        String command = config.profile().equals(ClientConfig.DEFAULT_PROFILE)
                ? launcher.command("helper", "policy") : launcher.command("helper", "policy", "--profile", config.profile());
        if (otelEndpoint != null) {
            command += " --otel-endpoint " + broker.client.shell.Shell.BASH.quoteIfNeeded(otelEndpoint);
        }
        String text = "#!/bin/sh\n# Claude Code's policyHelper, written by bedrock-broker setup claude --managed.\n"
                + "exec " + command + "\n";
        FileChange change;
        try {
            change = new FileChange(script, StandardCharsets.UTF_8, FileChange.read(script, StandardCharsets.UTF_8),
                    text);
        } catch (IOException e) {
            return fail(services, config, new ClientFailure.LocalFile(script.toString(), IoMessages.describe(e)));
        }
        if (dryRun) {
            services.err().print(change.diff());
        } else if (change.changed()) {
            if (change.apply(services.clock()) instanceof Result.Err<Path>(var failure)) {
                return fail(services, config, failure);
            }
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException | UnsupportedOperationException e) {
                return fail(services, config, new ClientFailure.LocalFile(script.toString(),
                        "cannot make it executable for everyone: " + e.getMessage()));
            }
            services.err().println("Wrote " + script + ".");
        }
        services.out().print(Json.writePretty(ManagedSettings.policyHelperFile(script.toString())));
        services.out().flush();
        services.err().println("Install the JSON above as Claude Code's managed-settings.json (administrator rights):"
                + " " + ManagedSettings.MANAGED_FILE_MAC + " on macOS, " + ManagedSettings.MANAGED_FILE_LINUX
                + " on Linux and WSL. Claude Code 2.1.136 or later then runs " + script + " at start-up and every"
                + " 5 minutes; each person signs in with bedrock-broker login.");
        return FailureReport.OK;
    }

    private static int fail(Services services, ClientConfig config, ClientFailure failure) {
        return services.failures(config.profile()).report(failure);
    }
}
