package broker.client.cli;

import broker.client.Services;
import broker.client.core.RefreshPolicy;
import picocli.CommandLine.Command;

/**
 * {@code export}: Claude Code's {@code awsCredentialExport} JSON; as {@code credential-process}, except that it never
 * prints credentials with less than {@link RefreshPolicy#CLAUDE_CODE_FLOOR} left, even as a fallback.
 */
@Command(description = {"Print credentials for Claude Code's awsCredentialExport (stdout: JSON only).",
        "Same cache and refresh rules as credential-process; never prompts."})
public final class ExportCommand extends CredentialsCommandBase {
    public ExportCommand(Services services) {
        super(services, CredentialOutput::export, RefreshPolicy.CLAUDE_CODE_FLOOR);
    }
}
