package broker.client.cli;

import broker.client.config.ClientConfig;
import broker.client.config.Environment;
import broker.client.core.AwsCredentials;
import broker.client.core.CredentialKeeper;
import broker.client.core.RefreshPolicy;
import broker.client.core.Result;
import broker.client.store.Codecs;
import broker.client.store.JsonCacheSlot;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The hot path: {@code credential-process} and {@code export} answered from a fresh cache before picocli, the HTTP
 * client, TLS or the OIDC code is loaded. It runs on every {@code aws} command, so it only reads two small files and
 * prints. Anything else falls through: a stale or missing cache for the same simple arguments goes straight to
 * {@link CredentialsCommandBase#serve} (still without picocli, which costs ~180 ms to start); other arguments go to
 * the full command line.
 */
public final class CacheHit {
    private CacheHit() {
    }

    /** A {@code credential-process} or {@code export} run with at most {@code --profile}: the shapes served here. */
    public record Request(boolean export, String profile) {}

    /** The request, or null when the arguments are anything else (picocli handles those). */
    public static Request recognise(String[] args) {
        if (args.length == 0) {
            return null;
        }
        boolean export = args[0].equals("export");
        if (!export && !args[0].equals("credential-process")) {
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
        return new Request(export, profile);
    }

    /** Prints the credentials and returns true, or returns false having printed nothing. */
    public static boolean tryServe(String[] args, Environment env, Clock clock, PrintStream out) {
        if (env.flag(ClientConfig.VERBOSE)) {
            return false;
        }
        Request request = recognise(args);
        if (request == null) {
            return false;
        }
        boolean export = request.export();
        if (!(ClientConfig.load(ClientConfig.Flags.profile(request.profile()), env)
                instanceof Result.Ok<ClientConfig>(var config)) || config.configured().isEmpty()) {
            return false;
        }
        var cache = new JsonCacheSlot<>(config.files().credentials(), Codecs.CREDENTIALS);
        Optional<AwsCredentials> fresh = CredentialKeeper.freshFromCache(cache,
                export ? config.refreshPolicy().withFloor(RefreshPolicy.CLAUDE_CODE_FLOOR) : config.refreshPolicy(),
                clock.instant());
        if (fresh.isEmpty()) {
            return false;
        }
        out.println(export ? CredentialOutput.export(fresh.get()) : CredentialOutput.credentialProcess(fresh.get()));
        out.flush();
        return !out.checkError();
    }
}
