package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.cli.CommonOptions;
import broker.client.cli.SetupOptions;
import broker.client.config.ClientConfig;
import broker.client.core.ClientFailure;
import broker.client.core.ModelChoice;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.core.UsableModels;
import broker.client.json.JsonException;
import broker.client.setup.DesktopConfig;
import broker.client.setup.FileChange;
import broker.client.setup.Launcher;
import broker.client.setup.ManagedSettings;
import broker.client.store.IoMessages;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code setup desktop}: Claude Desktop's third-party inference for Amazon Bedrock with {@code helper desktop} as its
 * credential helper ({@link DesktopConfig}). Writes the helper script (Desktop runs it with no arguments) and, in
 * Desktop's local configuration library, this profile's configuration and {@code _meta.json} (only our entry and
 * {@code appliedId} change), with a backup of each replaced file as the other {@code setup} commands keep; or, with
 * {@code --mdm macos|windows}, prints the managed-preferences form for MDM. Paths are absolute.
 */
@Command(name = "desktop", description = {"Set up Claude Desktop (third-party inference, Amazon Bedrock) to get its",
        "Bedrock API keys from 'bedrock-broker helper desktop'. --mdm macos|windows prints the MDM form instead.",
        "Quit and reopen Claude Desktop afterwards: it reads its configuration at launch."})
public final class SetupDesktopCommand extends ConfiguredCommand {
    @Mixin
    SetupOptions setup;

    @Option(names = "--region", paramLabel = "REGION", description = "Bedrock region for Desktop (default: the broker's).")
    String region;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "inferenceCredentialHelperTtlSec: how long Desktop keeps a key (default 30m, at most 50m).")
    Duration ttl = broker.client.cli.helper.DesktopHelperCommand.DEFAULT_TTL;

    @Option(names = "--helper-path", paramLabel = "PATH",
            description = "Where to write the helper script (default: in the profile's directory).")
    String helperPath;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Desktop's configLibrary directory (default: where Desktop keeps it on this OS).")
    String configDir;

    @Option(names = "--mdm", paramLabel = "FORM", description = "macos (.mobileconfig) or windows (.reg): print it.")
    String mdm;

    public SetupDesktopCommand(Services services) {
        super(services);
    }

    @Override
    int run(ClientConfig config, ProfileSettings settings) {
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofMinutes(50)) > 0) {
            // Keys live at most an hour (role-chained credentials sign them) and must outlive the TTL.
            return fail(config, new ClientFailure.InvalidSetting("--ttl",
                    "use 1m to 50m: Bedrock API keys from the broker live at most an hour"));
        }
        if (mdm != null && !List.of("macos", "windows").contains(mdm.toLowerCase(Locale.ROOT))) {
            return fail(config, new ClientFailure.InvalidSetting("--mdm",
                    "'" + mdm + "' is not a form (use macos or windows)"));
        }
        return switch (Launcher.resolve(setup.launcher(), services.env())) {
            case Result.Ok<Launcher>(var launcher) -> run(config, settings, launcher);
            case Result.Err<Launcher>(var failure) -> fail(config, failure);
        };
    }

    private int run(ClientConfig config, ProfileSettings settings, Launcher launcher) {
        boolean windows = mdm != null ? mdm.equalsIgnoreCase("windows") : services.env().isWindows();
        String announced = region != null ? region : settings.broker().region();
        Path helper = helperPath != null ? Path.of(helperPath)
                : config.files().directory().resolve(windows ? "claude-desktop-helper.cmd" : "claude-desktop-helper");
        var plan = new DesktopConfig.Plan(config.profile(), announced, helper.toAbsolutePath(), ttl,
                models(config, settings, announced));
        List<FileChange> changes = new ArrayList<>();
        Result<FileChange> script = change(helper, windows ? Charset.defaultCharset() : StandardCharsets.UTF_8,
                DesktopConfig.helperScript(launcher, plan, windows));
        if (!(script instanceof Result.Ok<FileChange>(var scriptChange))) {
            return fail(config, ((Result.Err<FileChange>) script).failure());
        }
        changes.add(scriptChange);
        if (mdm == null) {
            Path library = DesktopConfig.library(services.env(), configDir);
            Result<FileChange> document = change(library.resolve(DesktopConfig.configId(config.profile()) + ".json"),
                    StandardCharsets.UTF_8, DesktopConfig.document(plan));
            Result<FileChange> meta = metaChange(library.resolve(DesktopConfig.META), config.profile());
            for (Result<FileChange> planned : List.of(document, meta)) {
                if (!(planned instanceof Result.Ok<FileChange>(var change))) {
                    return fail(config, ((Result.Err<FileChange>) planned).failure());
                }
                changes.add(change);
            }
            warnAboutManagedPreferences();
        }
        int code = write(config, changes, helper);
        if (code != HelperRuns.OK) {
            return code;
        }
        if (mdm != null) {
            services.out().print(windows ? DesktopConfig.registry(plan) : DesktopConfig.mobileconfig(plan));
            services.out().flush();
            services.err().println("The " + (windows ? "registry file (" + DesktopConfig.WINDOWS_KEY + ")"
                    : "configuration profile (" + DesktopConfig.MAC_PAYLOAD_TYPE + ")") + " names " + helper
                    + ": that path must hold this script on every machine it is deployed to.");
        } else if (!setup.dryRun()) {
            services.err().println("Claude Desktop now gets Bedrock API keys from bedrock-broker. Quit and reopen"
                    + " Claude Desktop; a managed (MDM) configuration would take precedence over this one.");
        }
        return HelperRuns.OK;
    }

    /** Anthropic models usable in the region, the recommended primary first; the broker's defaults when unknown. */
    private List<String> models(ClientConfig config, ProfileSettings settings, String announced) {
        Result<UsableModels> listed = services.authenticated(config, settings, (broker, idToken) -> broker.models(idToken));
        Set<String> ids = new LinkedHashSet<>();
        if (listed instanceof Result.Ok<UsableModels>(var all)) {
            UsableModels usable = ManagedSettings.inRegion(all, announced);
            ModelChoice choice = ModelChoice.from(usable);
            if (!choice.primary().isEmpty()) {
                ids.add(choice.primary());
            }
            usable.models().forEach(model -> ids.add(model.id()));
        } else {
            services.err().println("bedrock-broker: note: Desktop's model list holds the broker's default models, not"
                    + " your own list (" + services.failures(config.profile())
                    .sentence(((Result.Err<UsableModels>) listed).failure()) + ").");
            ModelChoice choice = ModelChoice.of(settings.broker());
            ids.add(choice.primary());
            ids.add(choice.fast());
        }
        ids.remove("");
        // Desktop serves Claude only.
        ids.removeIf(id -> !id.contains("anthropic."));
        return List.copyOf(ids);
    }

    private Result<FileChange> change(Path file, Charset charset, String after) {
        try {
            return Result.ok(new FileChange(file.toAbsolutePath(), charset, FileChange.read(file, charset), after));
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        }
    }

    private Result<FileChange> metaChange(Path file, String profile) {
        try {
            String before = FileChange.read(file, StandardCharsets.UTF_8);
            return Result.ok(new FileChange(file, StandardCharsets.UTF_8, before, DesktopConfig.meta(before, profile)));
        } catch (IOException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), IoMessages.describe(e)));
        } catch (JsonException e) {
            return Result.err(new ClientFailure.LocalFile(file.toString(), "it is not the JSON Claude Desktop writes ("
                    + e.getMessage() + "), so nothing was changed; fix it or move it away, then run setup desktop again"));
        }
    }

    /** As the other setup commands (the diffs on stderr when the MDM form goes to stdout); the helper made executable. */
    private int write(ClientConfig config, List<FileChange> changes, Path helper) {
        int code = setup.write(services, config, changes, mdm != null ? services.err() : services.out());
        if (code != HelperRuns.OK || setup.dryRun()) {
            return code;
        }
        if (Files.isRegularFile(helper) && broker.client.store.SecureFiles.posix()) {
            try {
                Files.setPosixFilePermissions(helper.toRealPath(), PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                return fail(config, new ClientFailure.LocalFile(helper.toString(),
                        "cannot make it executable: " + IoMessages.describe(e)));
            }
        }
        return HelperRuns.OK;
    }

    private void warnAboutManagedPreferences() {
        if (DesktopConfig.isMac(services.env())) {
            Path managed = Path.of("/Library/Managed Preferences");
            try (var users = Files.list(managed)) {
                boolean present = Files.exists(managed.resolve(DesktopConfig.MAC_PAYLOAD_TYPE + ".plist"))
                        || users.anyMatch(dir -> Files.exists(dir.resolve(DesktopConfig.MAC_PAYLOAD_TYPE + ".plist")));
                if (present) {
                    services.err().println("bedrock-broker: warning: a managed Claude Desktop profile is installed;"
                            + " Desktop ignores the local configuration while it is.");
                }
            } catch (IOException e) {
                // No managed preferences directory: nothing overrides the local configuration.
            }
        }
    }
}
