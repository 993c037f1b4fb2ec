package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.core.ClientFailure;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.remote.BrokerClient;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;

/**
 * The skeleton of every command: the common options, the configuration resolved once, the command's work, and a
 * failure reported in one place ({@link FailureReport}: an exit code and one sentence on stderr). A command says which
 * flags it sets ({@link #flags}) and what it does with the configuration ({@link #run}).
 */
public abstract class BrokerCommand implements Callable<Integer> {
    @Mixin
    protected CommonOptions common;

    protected final Services services;

    protected BrokerCommand(Services services) {
        this.services = services;
    }

    @Override
    public final Integer call() {
        ClientConfig.Flags flags = flags();
        return switch (services.config(flags)) {
            case Result.Ok<ClientConfig>(var config) -> run(config);
            case Result.Err<ClientConfig>(var failure) -> services.failures(flags.profile()).report(failure);
        };
    }

    /** The settings given on the command line; by default no refresh-ahead margin and never a browser. */
    protected ClientConfig.Flags flags() {
        return common.flags(null, true);
    }

    /** The command's work with the resolved configuration; returns the exit code. */
    protected abstract int run(ClientConfig config);

    /** The profile's stored broker settings, or {@link ClientFailure.NotConfigured}. */
    protected final Result<ProfileSettings> configured(ClientConfig config) {
        return services.configured(config);
    }

    /** Reports {@code failure} on stderr and returns its exit code. */
    protected final int fail(ClientConfig config, ClientFailure failure) {
        return services.failures(config.profile()).report(failure);
    }

    /** Prints a success with {@code print} (stdout flushed) and exits 0, or reports the failure. */
    protected final <T> int finish(ClientConfig config, Result<T> result, Consumer<T> print) {
        return switch (result) {
            case Result.Ok<T>(var value) -> {
                print.accept(value);
                services.out().flush();
                yield FailureReport.OK;
            }
            case Result.Err<T>(var failure) -> fail(config, failure);
        };
    }

    /**
     * One broker request for the configured profile as the signed-in user (the ID token renewed once if the broker
     * rejects it); its answer printed as {@link #finish} does, or the failure reported.
     */
    protected final <T> int ask(ClientConfig config, BiFunction<BrokerClient, String, Result<T>> request,
                                Consumer<T> print) {
        return finish(config, configured(config).flatMap(settings -> services.authenticated(config, settings, request)),
                print);
    }
}
