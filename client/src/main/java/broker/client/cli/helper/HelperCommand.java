package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.cli.GroupCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code helper}: the small programs Claude Code and Claude Desktop run on their own (credentials for Desktop,
 * managed settings, telemetry headers). Each prints only its answer on stdout.
 */
@Command(name = "helper", description = {"Helpers that Claude Desktop and Claude Code run on their own.",
        "Each prints only its answer on stdout; diagnostics go to stderr."})
public final class HelperCommand extends GroupCommand {
    /** The group with its subcommands, for {@code Main}. */
    public static CommandLine commandLine(Services services) {
        return new CommandLine(new HelperCommand())
                .addSubcommand("desktop", new DesktopHelperCommand(services))
                .addSubcommand("policy", new PolicyHelperCommand(services))
                .addSubcommand("otel-headers", new OtelHeadersHelperCommand(services));
    }
}
