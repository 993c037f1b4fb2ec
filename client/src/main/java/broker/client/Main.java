package broker.client;

import broker.client.cli.ApiKeyCommand;
import broker.client.cli.ConfigureCommand;
import broker.client.cli.CredentialRequest;
import broker.client.cli.helper.DesktopCacheHit;
import broker.client.cli.CredentialsCommand;
import broker.client.cli.DoctorCommand;
import broker.client.cli.EnvCommand;
import broker.client.cli.GroupCommand;
import broker.client.cli.LoginCommand;
import broker.client.cli.LogoutCommand;
import broker.client.cli.RefreshCommand;
import broker.client.cli.Services;
import broker.client.cli.SetupAwsCommand;
import broker.client.cli.SetupClaudeCommand;
import broker.client.cli.SetupCommand;
import broker.client.cli.StatusCommand;
import broker.client.cli.TokenCommand;
import broker.client.cli.UsageCommand;
import broker.client.cli.WhoamiCommand;
import broker.client.config.Environment;
import broker.client.console.FailureReport;
import broker.client.oidc.Browser;
import broker.client.oidc.Login;
import broker.client.oidc.SystemBrowser;
import broker.client.shell.SystemCommands;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bedrock-broker}. A plain {@code credential-process} or {@code export} looks at the cache once
 * ({@link CredentialRequest}) and, when it is fresh, is answered before anything else is loaded; every other run
 * builds {@link Services}, registers the commands with picocli and maps what escapes to an exit code. The only
 * {@code System.exit} of the client.
 */
@Command(name = "bedrock-broker", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "Short-lived Amazon Bedrock credentials from your company's Bedrock Broker.",
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 not configured, 4 login needed,",
                "5 refused by the broker, 6 broker or identity provider unreachable, 7 local file problem,",
                "8 no Java 21 or newer (said by the launcher), 9 budget exhausted until its reset."})
public final class Main extends GroupCommand {
    public static void main(String[] args) {
        Environment env = Environment.system();
        Clock clock = Clock.systemUTC();
        CredentialRequest request = CredentialRequest.look(args, env, clock);
        if (request != null && request.printFresh(System.out)
                || request == null && DesktopCacheHit.tryServe(args, env, clock, System.out)) {
            // Return instead of System.exit(0): Runtime.exit initialises the JDK's logging, ~10 ms on this path.
            return;
        }
        System.exit(runPastCache(request, args, new Services(env, clock, System.out, System.err, new SystemBrowser(env),
                new ThreadSleeper(), SystemCommands.PROCESSES)));
    }

    /** Real waits between device-login polls (a class, not a lambda: see {@link CredentialRequest}). */
    private static final class ThreadSleeper implements Login.Sleeper {
        @Override
        public void sleep(java.time.Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    }

    /**
     * Runs one command in this JVM and returns its exit code, exactly as {@link #main} would.
     *
     * @param browser the browser for {@code login}, or null for the system's
     */
    public static int run(String[] args, Environment env, Clock clock, PrintStream out, PrintStream err, Browser browser,
                          Login.Sleeper sleeper) {
        return run(args, env, clock, out, err, browser, sleeper, SystemCommands.PROCESSES);
    }

    /** As above, with the runner of operating-system commands ({@code setx} for {@code env --persist} on Windows). */
    public static int run(String[] args, Environment env, Clock clock, PrintStream out, PrintStream err, Browser browser,
                          Login.Sleeper sleeper, SystemCommands commands) {
        CredentialRequest request = CredentialRequest.look(args, env, clock);
        if (request != null && request.printFresh(out)
                || request == null && DesktopCacheHit.tryServe(args, env, clock, out)) {
            return FailureReport.OK;
        }
        return runPastCache(request, args, new Services(env, clock, out, err,
                browser != null ? browser : new SystemBrowser(env), sleeper, commands));
    }

    /** After the cache look: the refresh of a plain credential request (skipping picocli's start-up), or any command. */
    private static int runPastCache(CredentialRequest request, String[] args, Services services) {
        return request != null ? request.serve(services) : commandLine(services).execute(args);
    }

    static CommandLine commandLine(Services services) {
        var commandLine = new CommandLine(new Main())
                .addSubcommand("configure", new ConfigureCommand(services))
                .addSubcommand("login", new LoginCommand(services))
                .addSubcommand("credential-process", new CredentialsCommand.CredentialProcess(services))
                .addSubcommand("export", new CredentialsCommand.Export(services))
                .addSubcommand("refresh", new RefreshCommand(services))
                .addSubcommand("token", new TokenCommand(services))
                .addSubcommand("logout", new LogoutCommand(services))
                .addSubcommand("setup", new CommandLine(new SetupCommand())
                        .addSubcommand("claude", new SetupClaudeCommand(services))
                        .addSubcommand("aws", new SetupAwsCommand(services))
                        .addSubcommand("desktop", new broker.client.cli.helper.SetupDesktopCommand(services)))
                .addSubcommand("env", new EnvCommand(services))
                .addSubcommand("api-key", new CommandLine(new ApiKeyCommand())
                        .addSubcommand("create", new ApiKeyCommand.Create(services))
                        .addSubcommand("list", new ApiKeyCommand.ListKeys(services))
                        .addSubcommand("revoke", new ApiKeyCommand.Revoke(services)))
                .addSubcommand("whoami", new WhoamiCommand(services))
                .addSubcommand("usage", new UsageCommand(services))
                .addSubcommand("status", new StatusCommand(services))
                .addSubcommand("doctor", new DoctorCommand(services))
                .addSubcommand("helper", broker.client.cli.helper.HelperCommand.commandLine(services));
        commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(services.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(services.err(), StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A bug, not an expected failure: one line, no stack trace (it could hold request details).
            cmd.getErr().println("bedrock-broker: unexpected error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ". Please report it, with the output of the same command run with --verbose.");
            return FailureReport.INTERNAL;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            var cmd = e.getCommandLine();
            cmd.getErr().println("bedrock-broker: " + e.getMessage());
            cmd.getErr().println("Run: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return FailureReport.USAGE;
        });
        return commandLine;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bedrock-broker " + Services.version()};
        }
    }
}
