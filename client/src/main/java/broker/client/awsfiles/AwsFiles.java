package broker.client.awsfiles;

import broker.client.config.Environment;
import broker.client.config.HomeDirectory;
import java.nio.file.Path;

/** Where the AWS CLI and SDKs look for their shared files, so the client edits the same ones. */
public final class AwsFiles {
    public static final String CONFIG_FILE = "AWS_CONFIG_FILE";
    public static final String CREDENTIALS_FILE = "AWS_SHARED_CREDENTIALS_FILE";

    private AwsFiles() {
    }

    /** {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    public static Path config(Environment env) {
        return locate(env, CONFIG_FILE, "config");
    }

    /** {@code $AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}. */
    public static Path credentials(Environment env) {
        return locate(env, CREDENTIALS_FILE, "credentials");
    }

    private static Path locate(Environment env, String variable, String name) {
        String configured = env.get(variable);
        Path home = HomeDirectory.of(env);
        if (configured != null) {
            // The AWS CLI expands a leading ~ in these variables.
            if (configured.equals("~") || configured.startsWith("~/") || configured.startsWith("~\\")) {
                return home.resolve(configured.substring(Math.min(2, configured.length())));
            }
            return Path.of(configured);
        }
        return home.resolve(".aws").resolve(name);
    }

    /** The section name of AWS profile {@code profile} in the config file: {@code profile NAME}, but {@code default}. */
    public static String configSection(String profile) {
        return profile.equals("default") ? "default" : "profile " + profile;
    }
}
