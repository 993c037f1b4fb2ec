package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.config.ClientConfig;
import broker.client.core.ClientFailure;

/** What the helpers share besides their skeleton ({@link ConfiguredCommand}). */
final class HelperRuns {
    /** Exit code of a run that printed its answer (the others come from the failure report). */
    static final int OK = 0;

    private HelperRuns() {
    }

    static int fail(Services services, ClientConfig config, ClientFailure failure) {
        return services.failures(config.profile()).report(failure);
    }

    static boolean needsLogin(ClientFailure failure) {
        return failure instanceof ClientFailure.LoginRequired || failure instanceof ClientFailure.TokenRejected;
    }
}
