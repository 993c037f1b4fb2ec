package broker.client.cli;

import broker.client.Services;
import picocli.CommandLine.Command;

/** {@code export}: Claude Code's {@code awsCredentialExport} JSON; otherwise as {@code credential-process}. */
@Command(description = {"Print credentials for Claude Code's awsCredentialExport (stdout: JSON only).",
        "Same cache and refresh rules as credential-process; never prompts."})
public final class ExportCommand extends CredentialsCommandBase {
    public ExportCommand(Services services) {
        super(services, CredentialOutput::export);
    }
}
