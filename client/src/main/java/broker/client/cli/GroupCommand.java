package broker.client.cli;

import broker.client.console.FailureReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A command that only groups subcommands ({@code bedrock-broker}, {@code setup}, {@code api-key}): run alone, it prints its usage as a usage error. */
public abstract class GroupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return FailureReport.USAGE;
    }
}
