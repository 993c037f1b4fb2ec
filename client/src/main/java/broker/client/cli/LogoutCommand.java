package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.Result;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code logout}: forgets the profile's tokens and cached credentials, and removes the sections of the shared
 * credentials file that {@code refresh} wrote for this profile (issued credentials stay valid until they expire: STS
 * cannot revoke them one by one).
 */
@Command(description = "Forget this profile's sign-in and cached credentials (also those 'refresh' wrote to ~/.aws/credentials).")
public final class LogoutCommand extends BrokerCommand {
    public LogoutCommand(Services services) {
        super(services);
    }

    @Override
    protected int run(ClientConfig config) {
        if (services.tokenFile(config).delete() instanceof Result.Err<Void>(var failure)) {
            return fail(config, failure);
        }
        services.clearCaches(config);
        var file = services.awsCredentialsFile();
        switch (file.removeWrittenFor(config.profile())) {
            case Result.Ok<List<String>>(var removed) -> {
                if (!removed.isEmpty()) {
                    services.err().println("Removed " + String.join(", ", removed.stream().map(s -> "[" + s + "]")
                            .toList()) + " from " + file.path() + ".");
                }
            }
            case Result.Err<List<String>>(var failure) -> {
                return fail(config, failure);
            }
        }
        services.err().println("Signed out of profile '" + config.profile() + "'.");
        return FailureReport.OK;
    }
}
