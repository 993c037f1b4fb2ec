package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.cli.CommonOptions;
import broker.client.config.ClientConfig;
import broker.client.core.ModelChoice;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.core.UsableModels;
import broker.client.json.Json;
import broker.client.json.JsonException;
import broker.client.setup.Launcher;
import broker.client.setup.ManagedSettings;
import broker.client.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helper policy}: Claude Code's {@code policyHelper}. Prints {@code {"managedSettings": {...}}}
 * ({@link ManagedSettings}) computed from the person's own model list and the broker's region, and nothing else on
 * stdout. Claude Code runs it before the first prompt, under the helper's {@code timeoutMs}, and again every
 * {@code refreshIntervalMs} (at least a minute): an answer younger than {@code --max-age} is served from the
 * profile's {@value #CACHE_FILE} without a broker call, and when the broker cannot be reached the last good answer is
 * served (with a warning on stderr). Without any (never signed in), it prints the settings that need no broker: the
 * Bedrock environment, the broker's recommended models and the hooks, whose {@code awsAuthRefresh} signs the person in.
 */
@Command(name = "policy", description = {"Claude Code's policyHelper: managed settings from your entitlement.",
        "Prints {\"managedSettings\":{...}}: available models, default and fast model, Bedrock environment,",
        "credential hooks at this launcher, OpenTelemetry when --otel-endpoint is given."})
public final class PolicyHelperCommand extends ConfiguredCommand {
    static final String CACHE_FILE = "managed-settings.json";
    /** Each request under this, so that a token refresh and the model list fit a helper timeout of 15 s. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--region", paramLabel = "REGION", description = "AWS_REGION to announce (default: the broker's).")
    String region;

    @Option(names = "--otel-endpoint", paramLabel = "URL",
            description = "OTLP collector: turns on Claude Code telemetry with otelHeadersHelper naming the person.")
    String otelEndpoint;

    @Option(names = "--otel-protocol", paramLabel = "PROTOCOL",
            description = "http/protobuf (default), http/json or grpc.")
    String otelProtocol;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Serve a cached answer younger than this without asking the broker (default 5m).")
    Duration maxAge = Duration.ofMinutes(5);

    public PolicyHelperCommand(Services services) {
        super(services);
    }

    @Override
    Duration timeoutCap() {
        return REQUEST_TIMEOUT;
    }

    @Override
    int run(ClientConfig config, ProfileSettings settings) {
        var diagnostics = services.diagnostics(config);
        Path cache = config.files().directory().resolve(CACHE_FILE);
        Instant now = services.clock().instant();
        Optional<Cached> cached = read(cache);
        if (cached.isPresent() && cached.get().obtainedAt().plus(maxAge).isAfter(now)
                && !cached.get().obtainedAt().isAfter(now)) {
            diagnostics.verbose("using the managed settings computed at " + cached.get().obtainedAt());
            return print(cached.get().settings());
        }
        String announced = region != null ? region : settings.broker().region();
        Launcher launcher = Launcher.resolve(null, services.env()) instanceof Result.Ok<Launcher>(var found) ? found
                : null;
        if (launcher == null) {
            services.err().println("bedrock-broker: note: not started through the bedrock-broker launcher, so the"
                    + " credential hooks are left out.");
        }
        var telemetry = new ManagedSettings.Telemetry(otelEndpoint, otelProtocol);
        Result<UsableModels> listed = services.authenticated(config, settings, (broker, idToken) -> broker.models(idToken));
        if (listed instanceof Result.Ok<UsableModels>(var list)) {
            Map<String, Object> computed = ManagedSettings.of(ManagedSettings.inRegion(list, announced),
                    ModelChoice.of(settings.broker()), announced, launcher, config.profile(), telemetry);
            write(cache, computed, now);
            return print(computed);
        }
        var failure = ((Result.Err<UsableModels>) listed).failure();
        if (cached.isPresent()) {
            services.err().println("bedrock-broker: warning: using the managed settings computed at "
                    + cached.get().obtainedAt() + ": " + services.failures(config.profile()).sentence(failure));
            return print(cached.get().settings());
        }
        services.err().println("bedrock-broker: note: managed settings without your model list: "
                + services.failures(config.profile()).sentence(failure));
        return print(ManagedSettings.of(null, ModelChoice.of(settings.broker()), announced, launcher,
                config.profile(), telemetry));
    }

    private int print(Map<String, Object> settings) {
        services.out().println(Json.write(ManagedSettings.envelope(settings)));
        services.out().flush();
        return HelperRuns.OK;
    }

    private record Cached(Instant obtainedAt, Map<String, Object> settings) {}

    @SuppressWarnings("unchecked")
    private static Optional<Cached> read(Path cache) {
        try {
            Optional<String> text = SecureFiles.readIfExists(cache);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> stored = Json.parseObject(text.get());
            if (stored.get("obtainedAt") instanceof Number at && stored.get("settings") instanceof Map<?, ?> settings) {
                return Optional.of(new Cached(Instant.ofEpochSecond(at.longValue()), (Map<String, Object>) settings));
            }
            return Optional.empty();
        } catch (IOException | JsonException e) {
            return Optional.empty();
        }
    }

    private void write(Path cache, Map<String, Object> settings, Instant now) {
        var stored = new LinkedHashMap<String, Object>();
        stored.put("format", 1L);
        stored.put("obtainedAt", now.getEpochSecond());
        stored.put("settings", settings);
        try {
            SecureFiles.writeAtomically(cache, Json.write(stored));
        } catch (IOException e) {
            services.err().println("bedrock-broker: warning: could not keep the managed settings in " + cache
                    + "; the next run asks the broker again.");
        }
    }
}
