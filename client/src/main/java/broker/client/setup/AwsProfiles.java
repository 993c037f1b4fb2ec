package broker.client.setup;

import broker.client.config.ClientConfig;
import broker.client.config.Environment;

/**
 * The AWS profile names the client uses for broker profile {@code P}. They never collide: a section of
 * {@code ~/.aws/credentials} outranks a {@code credential_process} profile of the same name, so the profile that
 * {@code refresh} writes and the {@code credential_process} profile must differ.
 */
public final class AwsProfiles {
    /** Names the section {@code refresh} writes for the default broker profile. */
    public static final String REFRESH_VARIABLE = "BEDROCK_BROKER_AWS_PROFILE";
    public static final String REFRESH_DEFAULT = "bedrock-broker";
    private static final String PROCESS = "bedrock";

    private AwsProfiles() {
    }

    /** The {@code credential_process} profile in {@code ~/.aws/config}: {@code bedrock}, or {@code bedrock-P}. */
    public static String processProfile(String brokerProfile) {
        return brokerProfile.equals(ClientConfig.DEFAULT_PROFILE) ? PROCESS : PROCESS + "-" + brokerProfile;
    }

    /**
     * The section of {@code ~/.aws/credentials} that {@code refresh} keeps fresh: for the default broker profile what
     * {@code refresh} writes by default ({@code $BEDROCK_BROKER_AWS_PROFILE} or {@code bedrock-broker}), else
     * {@code bedrock-broker-P}.
     */
    public static String refreshProfile(String brokerProfile, Environment env) {
        if (brokerProfile.equals(ClientConfig.DEFAULT_PROFILE)) {
            String configured = env.get(REFRESH_VARIABLE);
            return configured != null ? configured : REFRESH_DEFAULT;
        }
        return REFRESH_DEFAULT + "-" + brokerProfile;
    }

    /** Whether {@code refresh} may write a section of this name, for any broker profile. */
    public static boolean reservedForRefresh(String name, Environment env) {
        return name.equals(REFRESH_DEFAULT) || name.startsWith(REFRESH_DEFAULT + "-")
                || name.equals(env.get(REFRESH_VARIABLE));
    }
}
