package broker.client.cli;

import broker.client.Services;
import broker.client.core.Result;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code logout}: forgets the profile's tokens and cached credentials (issued credentials stay valid until expiry). */
@Command(description = "Forget this profile's sign-in and cached credentials.")
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
            services.err().println("Signed out of profile '" + config.profile() + "'.");
            return FailureReport.OK;
        });
    }
}
