package broker.client.cli;

import picocli.CommandLine.Command;

/** {@code setup}: a group; {@code setup claude} and {@code setup aws} do the work. */
@Command(name = "setup", description = {"Wire Claude Code or the AWS CLI and SDKs to this client.",
        "Only the settings bedrock-broker owns are changed; a backup of the old file is kept."})
public final class SetupCommand extends GroupCommand {
}
