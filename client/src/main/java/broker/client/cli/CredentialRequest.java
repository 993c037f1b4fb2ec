package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.config.Environment;
import broker.client.console.CredentialShape;
import broker.client.core.AwsCredentials;
import broker.client.core.CacheVerdict;
import broker.client.core.CredentialKeeper;
import broker.client.core.Result;
import broker.client.store.Codecs;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * A plain {@code credential-process} or {@code export} run (at most {@code --profile}): the hot path. Its configuration
 * is resolved once and the cache read once, before picocli, the HTTP client, TLS or the OIDC code is loaded; it runs on
 * every {@code aws} command. A fresh cache is printed ({@link #printFresh}); otherwise the same configuration and that
 * first look go on to the refresh ({@link #serve}), still without picocli (~180 ms to start). Any other arguments are
 * the full command line's.
 *
 * @param verdict what the cache held, or null when it was not read (not configured, {@code --verbose}, or a
 *                configuration problem that {@link #serve} reports)
 */
public record CredentialRequest(CredentialShape shape, ClientConfig.Flags flags, Result<ClientConfig> config,
                                CacheVerdict<AwsCredentials> verdict, Instant lookedAt) {

    /** The request with its one look at the cache, or null when the arguments are anything else. */
    public static CredentialRequest look(String[] args, Environment env, Clock clock) {
        // Plain code, no lambdas or switch patterns: each bootstrap costs milliseconds on the cache-hit path.
        CredentialShape shape = args.length == 0 ? null : CredentialShape.ofCommand(args[0]);
        if (shape == null) {
            return null;
        }
        String profile = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--profile") && i + 1 < args.length && profile == null) {
                profile = args[++i];
            } else if (args[i].startsWith("--profile=") && profile == null) {
                profile = args[i].substring("--profile=".length());
            } else {
                return null;
            }
        }
        ClientConfig.Flags flags = ClientConfig.Flags.profile(profile);
        Result<ClientConfig> config = ClientConfig.load(flags, env);
        if (!(config instanceof Result.Ok<ClientConfig>(var loaded)) || loaded.configured().isEmpty()
                || loaded.verbose()) {
            // --verbose explains the cache decision, which the keeper does.
            return new CredentialRequest(shape, flags, config, null, null);
        }
        Instant now = clock.instant();
        return new CredentialRequest(shape, flags, config, CredentialKeeper.look(Codecs.credentialsCache(loaded.files()),
                shape.policy(loaded.refreshPolicy()), now), now);
    }

    /** Prints the cached credentials and returns true when they are fresh; else prints nothing and returns false. */
    public boolean printFresh(PrintStream out) {
        if (!(verdict instanceof CacheVerdict.Fresh<AwsCredentials>(var cached))) {
            return false;
        }
        out.println(shape.format(cached.value()));
        out.flush();
        return !out.checkError();
    }

    /** The rest of the command after a miss: the configuration and the first look are not made again. */
    public int serve(Services services) {
        if (config instanceof Result.Err<ClientConfig>(var failure)) {
            return services.failures(flags.profile()).report(failure);
        }
        ClientConfig loaded = ((Result.Ok<ClientConfig>) config).value();
        services.secureDirectories(loaded);
        return CredentialsCommand.serve(services, loaded, shape, verdict, lookedAt);
    }
}
