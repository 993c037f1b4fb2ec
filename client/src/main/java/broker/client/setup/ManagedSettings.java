package broker.client.setup;

import broker.client.core.ModelChoice;
import broker.client.core.UsableModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The managed settings {@code helper policy} prints for Claude Code's {@code policyHelper}, computed from the person's
 * own model list ({@code GET /v1/models}): the models usable in the region Claude Code calls
 * ({@code availableModels}, enforced for the Default model too), the Bedrock environment with the default and
 * small/fast model among them, the credential hooks at this launcher, and OpenTelemetry when configured. Every model
 * it names is one the person's credentials may invoke in that region (the property test ties it to the session
 * policy of the same entitlement).
 */
public final class ManagedSettings {
    public static final String AVAILABLE_MODELS = "availableModels";
    /** Claude Code 2.1.175+: the Default model option obeys {@code availableModels} too. */
    public static final String ENFORCE_AVAILABLE_MODELS = "enforceAvailableModels";
    public static final String OTEL_HEADERS_HELPER = "otelHeadersHelper";
    /** The envelope Claude Code reads from a policy helper's stdout. */
    public static final String ENVELOPE = "managedSettings";

    /**
     * OpenTelemetry export; null endpoint for none.
     *
     * @param protocol {@code http/protobuf}, {@code http/json} or {@code grpc}
     */
    public record Telemetry(String endpoint, String protocol) {
        public static final Telemetry NONE = new Telemetry(null, null);

        public Telemetry {
            protocol = protocol == null ? "http/protobuf" : protocol;
        }

        public boolean configured() {
            return endpoint != null && !endpoint.isBlank();
        }
    }

    private ManagedSettings() {
    }

    /** The models of the list that can be invoked in {@code region} (all of them when the region is unknown). */
    public static UsableModels inRegion(UsableModels list, String region) {
        if (region == null || region.isEmpty()) {
            return list;
        }
        List<UsableModels.Model> models = new ArrayList<>();
        for (UsableModels.Model model : list.models()) {
            if (model.regions().contains(region)) {
                models.add(model);
            }
        }
        return new UsableModels(models, list.recommendedPrimary(), list.recommendedFast(), list.source());
    }

    /**
     * @param usable     the person's models usable in {@code region} ({@link #inRegion}); null when unknown (not signed
     *                   in, broker unreachable): then no {@code availableModels}, and {@code fallback}'s model ids
     * @param fallback   the broker's general recommendation, used only when {@code usable} is null
     * @param region     the region Claude Code calls ({@code AWS_REGION}), or empty
     * @param launcher   the launcher the hooks run, or null for no hooks
     * @param profile    the broker profile the hooks name
     */
    public static Map<String, Object> of(UsableModels usable, ModelChoice fallback, String region, Launcher launcher,
                                         String profile, Telemetry telemetry) {
        var settings = new LinkedHashMap<String, Object>();
        ModelChoice models = fallback;
        if (usable != null) {
            List<String> ids = new ArrayList<>();
            usable.models().forEach(model -> ids.add(model.id()));
            settings.put(AVAILABLE_MODELS, ids);
            settings.put(ENFORCE_AVAILABLE_MODELS, true);
            models = ModelChoice.from(usable);
        }
        var env = new LinkedHashMap<String, Object>();
        env.put(BedrockVariables.USE_BEDROCK, "1");
        if (region != null && !region.isEmpty()) {
            env.put(BedrockVariables.REGION, region);
        }
        if (!models.primary().isEmpty()) {
            env.put(BedrockVariables.MODEL, models.primary());
        }
        if (!models.fast().isEmpty()) {
            env.put(BedrockVariables.HAIKU_MODEL, models.fast());
            env.put(BedrockVariables.SMALL_FAST_MODEL, models.fast());
        }
        if (telemetry.configured()) {
            env.put("CLAUDE_CODE_ENABLE_TELEMETRY", "1");
            env.put("OTEL_METRICS_EXPORTER", "otlp");
            env.put("OTEL_LOGS_EXPORTER", "otlp");
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", telemetry.protocol());
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", telemetry.endpoint());
        }
        settings.put(ClaudeSettings.ENV, env);
        if (launcher != null) {
            settings.put(ClaudeSettings.EXPORT_HOOK, launcher.command("export", "--profile", profile));
            settings.put(ClaudeSettings.REFRESH_HOOK, launcher.command("login", "--profile", profile));
            if (telemetry.configured()) {
                settings.put(OTEL_HEADERS_HELPER, launcher.command("helper", "otel-headers", "--profile", profile));
            }
        }
        return settings;
    }

    /** {@code setup claude --telemetry-identity}: the plan plus {@code otelHeadersHelper} running this launcher. */
    public static ClaudeSettings.Plan withTelemetryIdentity(ClaudeSettings.Plan plan, Launcher launcher, String profile) {
        var hooks = new LinkedHashMap<>(plan.hooks());
        hooks.put(OTEL_HEADERS_HELPER, launcher.command("helper", "otel-headers", "--profile", profile));
        return new ClaudeSettings.Plan(hooks, plan.dropHooks(), plan.env(), plan.dropEnv());
    }

    /**
     * The system {@code managed-settings.json} that makes Claude Code (2.1.136+) run {@code helper policy} through
     * the script at {@code helper}: a timeout that fits two 5 s requests, a refresh every 5 minutes.
     */
    public static Map<String, Object> policyHelperFile(String helper) {
        var policyHelper = new LinkedHashMap<String, Object>();
        policyHelper.put("path", helper);
        policyHelper.put("timeoutMs", 15_000L);
        policyHelper.put("refreshIntervalMs", 300_000L);
        return Map.of("policyHelper", policyHelper);
    }

    /** Where Claude Code reads the managed settings file on each OS. */
    public static final String MANAGED_FILE_MAC = "/Library/Application Support/ClaudeCode/managed-settings.json";
    public static final String MANAGED_FILE_LINUX = "/etc/claude-code/managed-settings.json";
    public static final String MANAGED_FILE_WINDOWS = "C:\\Program Files\\ClaudeCode\\managed-settings.json";

    /** What the helper prints: {@code {"managedSettings": settings}}. */
    public static Map<String, Object> envelope(Map<String, Object> settings) {
        return Map.of(ENVELOPE, settings);
    }
}
