package broker.client.cli;

import broker.client.Services;
import broker.client.core.Result;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code logout}: forgets the profile's tokens and cached credentials, and removes the sections of the shared
 * credentials file that {@code refresh} wrote for this profile (issued credentials stay valid until they expire: STS
 * cannot revoke them one by one).
 */
@Command(description = "Forget this profile's sign-in and cached credentials (also those 'refresh' wrote to ~/.aws/credentials).")
public final class LogoutCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    private final Services services;

    public LogoutCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        return Commands.run(services, common.flags(null, true), config -> {
            if (services.tokenFile(config).delete() instanceof Result.Err<Void>(var failure)) {
                return Commands.fail(services, config, failure);
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
                    return Commands.fail(services, config, failure);
                }
            }
            services.err().println("Signed out of profile '" + config.profile() + "'.");
            return FailureReport.OK;
        });
    }
}
