package broker.client.setup;

import broker.client.awsfiles.AwsFiles;
import broker.client.awsfiles.IniSections;
import broker.client.core.BrokerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code credential_process} profile that {@code setup aws} keeps in {@code ~/.aws/config}: only its
 * {@code credential_process} and {@code region} settings are written; the profile's other settings, other profiles,
 * comments and line endings stay byte for byte. The file is handled as ISO-8859-1 so that any byte survives.
 */
public final class AwsConfig {
    public static final String CREDENTIAL_PROCESS = "credential_process";

    private AwsConfig() {
    }

    /** The settings of the profile for broker profile {@code brokerProfile}. */
    public static Map<String, String> settings(Launcher launcher, String brokerProfile, BrokerSettings broker) {
        var settings = new LinkedHashMap<String, String>();
        settings.put(CREDENTIAL_PROCESS, launcher.command("credential-process", "--profile", brokerProfile));
        if (!broker.region().isEmpty()) {
            settings.put("region", broker.region());
        }
        return settings;
    }

    public static String apply(String before, String awsProfile, Map<String, String> settings) {
        return IniSections.setKeys(before == null ? "" : before, AwsFiles.configSection(awsProfile), settings);
    }

    /** The profile's settings, or null when the file has no such profile. */
    public static Map<String, String> profile(String text, String awsProfile) {
        return text == null ? null : IniSections.read(text, AwsFiles.configSection(awsProfile));
    }
}
