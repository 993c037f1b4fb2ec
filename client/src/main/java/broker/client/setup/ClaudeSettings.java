package broker.client.setup;

import broker.client.config.Environment;
import broker.client.config.HomeDirectory;
import broker.client.core.BrokerSettings;
import broker.client.core.ModelChoice;
import broker.client.json.JsonEdit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code setup claude} puts into Claude Code's user settings, and the edit itself: only the members it owns
 * change ({@link JsonEdit}), every other byte of the file stays.
 *
 * <ul>
 *   <li>{@code export} (default): {@code awsCredentialExport} runs {@code bedrock-broker export}; Claude Code caches the
 *       credentials it prints. Nothing is written to {@code ~/.aws}.</li>
 *   <li>{@code process}: {@code AWS_PROFILE} names the {@code credential_process} profile of {@code ~/.aws/config}.</li>
 *   <li>{@code refresh}: {@code AWS_PROFILE} names the {@code ~/.aws/credentials} section that {@code awsAuthRefresh}
 *       ({@code bedrock-broker refresh}) keeps fresh.</li>
 * </ul>
 * In every mode {@code awsAuthRefresh} can sign the user in again (its output is shown; it runs after a credential
 * failure), and {@code env} holds {@link BedrockVariables}.
 */
public final class ClaudeSettings {
    public static final String EXPORT_HOOK = "awsCredentialExport";
    public static final String REFRESH_HOOK = "awsAuthRefresh";
    public static final String ENV = "env";
    /** Claude Code's own variable to move {@code ~/.claude}. */
    public static final String CONFIG_DIR = "CLAUDE_CONFIG_DIR";

    /** How Claude Code gets its credentials. */
    public enum Mode {
        EXPORT, PROCESS, REFRESH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The members to set, the hooks to drop (left over from another mode: they would take precedence), and the
     * variables to drop when they hold one of our values.
     *
     * @param dropEnv variables to remove when their value is one of the given ones
     */
    public record Plan(Map<String, String> hooks, Set<String> dropHooks, Map<String, String> env,
                       Map<String, Set<String>> dropEnv) {}

    private ClaudeSettings() {
    }

    /** {@code $CLAUDE_CONFIG_DIR/settings.json}, else {@code ~/.claude/settings.json}. */
    public static Path locate(Environment env) {
        String dir = env.get(CONFIG_DIR);
        return (dir != null ? Path.of(dir) : HomeDirectory.of(env).resolve(".claude")).resolve("settings.json");
    }

    public static Plan plan(Mode mode, Launcher launcher, String brokerProfile, BrokerSettings broker,
                            ModelChoice models, Environment env) {
        String processProfile = AwsProfiles.processProfile(brokerProfile);
        String refreshProfile = AwsProfiles.refreshProfile(brokerProfile, env);
        var hooks = new LinkedHashMap<String, String>();
        String awsProfile = null;
        switch (mode) {
            case EXPORT -> {
                hooks.put(EXPORT_HOOK, launcher.command("export", "--profile", brokerProfile));
                hooks.put(REFRESH_HOOK, launcher.command("login", "--profile", brokerProfile));
            }
            case PROCESS -> {
                hooks.put(REFRESH_HOOK, launcher.command("login", "--profile", brokerProfile));
                awsProfile = processProfile;
            }
            case REFRESH -> {
                hooks.put(REFRESH_HOOK, launcher.command("refresh", "--profile", brokerProfile, "--aws-profile",
                        refreshProfile));
                awsProfile = refreshProfile;
            }
        }
        Set<String> dropHooks = mode == Mode.EXPORT ? Set.of() : Set.of(EXPORT_HOOK);
        Map<String, Set<String>> dropEnv = awsProfile == null
                ? Map.of(BedrockVariables.PROFILE, Set.of(processProfile, refreshProfile)) : Map.of();
        return new Plan(hooks, dropHooks, BedrockVariables.of(broker, models, awsProfile, null), dropEnv);
    }

    /**
     * The settings text with the plan applied; {@code before} null or blank means a new file.
     *
     * @throws broker.client.json.JsonException when {@code before} is not a JSON object (or its {@code env} is not one)
     */
    public static String apply(String before, Plan plan) {
        String text = before == null || before.isBlank() ? "{}\n" : before;
        for (var hook : plan.hooks().entrySet()) {
            text = JsonEdit.set(text, List.of(hook.getKey()), hook.getValue());
        }
        for (String hook : plan.dropHooks()) {
            // Whoever wrote it: an awsCredentialExport would take precedence over the profile this mode names.
            text = JsonEdit.remove(text, List.of(hook));
        }
        for (var variable : plan.env().entrySet()) {
            text = JsonEdit.set(text, List.of(ENV, variable.getKey()), variable.getValue());
        }
        for (var drop : plan.dropEnv().entrySet()) {
            Object value = JsonEdit.get(text, List.of(ENV, drop.getKey()));
            if (value instanceof String s && drop.getValue().contains(s)) {
                text = JsonEdit.remove(text, List.of(ENV, drop.getKey()));
            }
        }
        return text;
    }

    /** Whether a hook's command runs this client (any install of it). */
    public static boolean ours(Object hook) {
        return hook instanceof String s && s.contains("bedrock-broker");
    }
}
