package broker.client.cli;

import broker.client.Services;
import broker.client.core.RefreshPolicy;
import picocli.CommandLine.Command;

/** {@code credential-process}: the AWS {@code credential_process} JSON on stdout, nothing else. */
@Command(description = {"Print credentials for AWS credential_process (stdout: JSON only).",
        "Served from the cache while more than the refresh-ahead margin is left; never prompts."})
public final class CredentialProcessCommand extends CredentialsCommandBase {
    public CredentialProcessCommand(Services services) {
        super(services, CredentialOutput::credentialProcess, RefreshPolicy.DEFAULT_FLOOR);
    }
}
