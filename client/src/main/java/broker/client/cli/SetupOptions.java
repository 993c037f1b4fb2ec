package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.Result;
import broker.client.setup.FileChange;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options and the write step shared by the {@code setup} commands: each planned file change is printed as a diff
 * ({@code --dry-run}) or applied with a backup of the file it replaces.
 */
public final class SetupOptions {
    @Option(names = "--dry-run", description = "Print the change as a diff; write nothing.")
    boolean dryRun;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "Absolute path of the bedrock-broker launcher to write (default: the one running now).")
    String launcher;

    public boolean dryRun() {
        return dryRun;
    }

    /** {@code --launcher}, or null for the one running now. */
    public String launcher() {
        return launcher;
    }

    /** Prints (dry run) or applies the changes, saying what happened to each file. */
    int write(Services services, ClientConfig config, List<FileChange> changes) {
        return write(services, config, changes, services.out());
    }

    /** As above, printing a dry run's diffs on {@code diffs}. */
    public int write(Services services, ClientConfig config, List<FileChange> changes, PrintStream diffs) {
        for (FileChange change : changes) {
            if (!change.changed()) {
                services.err().println(change.path() + " is already set up; nothing changed.");
                continue;
            }
            if (dryRun) {
                diffs.print(change.diff());
                continue;
            }
            switch (change.apply(services.clock())) {
                case Result.Ok<Path>(var backup) -> services.err().println("Updated " + change.path()
                        + (backup == null ? " (new file)." : " (the old one is in " + backup.getFileName() + ")."));
                case Result.Err<Path>(var failure) -> {
                    return services.failures(config.profile()).report(failure);
                }
            }
        }
        if (dryRun) {
            services.out().flush();
            services.err().println("Dry run: nothing was written.");
        }
        return FailureReport.OK;
    }
}
