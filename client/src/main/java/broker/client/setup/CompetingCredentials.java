package broker.client.setup;

import broker.client.awsfiles.IniSections;
import broker.client.config.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Other AWS credentials that can take over from the broker's without a word. When {@code awsCredentialExport} fails,
 * Claude Code silently falls back to the default AWS chain, and environment variables beat {@code AWS_PROFILE}: so a
 * broken setup looks like a working one, billed to someone else's keys. {@code setup claude} and {@code doctor} warn.
 */
public final class CompetingCredentials {
    /** AWS_ACCESS_KEY_ID stands for its companions AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
    private static final List<String> VARIABLES = List.of("AWS_ACCESS_KEY_ID", BedrockVariables.BEARER_TOKEN);
    private static final List<String> CONFIG_CREDENTIAL_KEYS = List.of("aws_access_key_id", "credential_process",
            "sso_session", "sso_start_url", "role_arn", "web_identity_token_file");

    private CompetingCredentials() {
    }

    /**
     * One finding per source, each a sentence naming where the credentials are.
     *
     * @param credentialsText {@code ~/.aws/credentials}, or null when absent
     * @param configText      {@code ~/.aws/config}, or null when absent
     * @param settingsEnv     the {@code env} of Claude Code's settings, or an empty map
     */
    public static List<String> find(Environment env, String credentialsText, String configText,
                                     Map<String, Object> settingsEnv) {
        var findings = new ArrayList<String>();
        for (String name : VARIABLES) {
            if (settingsEnv.get(name) instanceof String s && !s.isEmpty()) {
                findings.add(name + " is set in the env of Claude Code's settings.json: it overrides the broker's"
                        + " credentials; remove it");
            } else if (env.get(name) != null) {
                findings.add(name + " is set in your environment: Claude Code falls back to it silently when the"
                        + " broker's credentials fail; unset it");
            }
        }
        if (credentialsText != null) {
            Map<String, String> section = IniSections.read(credentialsText, "default");
            if (section != null && section.containsKey("aws_access_key_id")) {
                findings.add("the [default] profile of the shared credentials file holds access keys: Claude Code falls"
                        + " back to them silently when the broker's credentials fail; remove them if not needed");
            }
        }
        if (configText != null) {
            Map<String, String> section = IniSections.read(configText, "default");
            if (section != null && CONFIG_CREDENTIAL_KEYS.stream().anyMatch(section::containsKey)) {
                findings.add("the [default] profile of the AWS config file gets credentials on its own: Claude Code falls"
                        + " back to it silently when the broker's credentials fail");
            }
        }
        return findings;
    }
}
