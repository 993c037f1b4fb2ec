package broker.client.console;

import broker.client.core.AwsCredentials;
import broker.client.core.RefreshPolicy;
import java.time.Duration;

/**
 * The two ways credentials are printed for a consumer, each with the least time left it may ever be handed: the one
 * place where {@code credential-process} and {@code export} differ.
 */
public enum CredentialShape {
    /** AWS {@code credential_process}: {@code {"Version":1,"AccessKeyId",...,"Expiration"}}. */
    CREDENTIAL_PROCESS(RefreshPolicy.DEFAULT_FLOOR),
    /**
     * Claude Code {@code awsCredentialExport}: {@code {"Credentials":{...}}}; never less than
     * {@link RefreshPolicy#CLAUDE_CODE_FLOOR} left, even as a fallback.
     */
    EXPORT(RefreshPolicy.CLAUDE_CODE_FLOOR);

    private final Duration floor;

    CredentialShape(Duration floor) {
        this.floor = floor;
    }

    /** The profile's policy with this shape's floor: credentials with less left are never printed. */
    public RefreshPolicy policy(RefreshPolicy configured) {
        return configured.withFloor(floor);
    }

    /** The stdout line (without its line break). */
    public String format(AwsCredentials credentials) {
        // An if, not a lambda per constant: this runs on the cache-hit path.
        return this == EXPORT ? CredentialOutput.export(credentials) : CredentialOutput.credentialProcess(credentials);
    }

    /** The shape printed by subcommand {@code name}, or null for any other command. */
    public static CredentialShape ofCommand(String name) {
        return switch (name) {
            case "credential-process" -> CREDENTIAL_PROCESS;
            case "export" -> EXPORT;
            default -> null;
        };
    }
}
