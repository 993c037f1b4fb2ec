package broker.client.cli.helper;

import broker.client.config.ClientConfig;
import broker.client.config.Durations;
import broker.client.config.Environment;
import broker.client.core.BearerToken;
import broker.client.core.CacheVerdict;
import broker.client.core.Cached;
import broker.client.core.HelperContext;
import broker.client.core.Result;
import broker.client.store.Codecs;
import broker.client.store.JsonCacheSlot;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cache hit of {@code helper desktop}, answered before picocli, the HTTP client or the OIDC code is loaded (as
 * {@code credential-process}'s is): only for the arguments {@code setup desktop}'s script passes ({@code --profile},
 * {@code --ttl}, {@code --region}), outside a mid-session refresh (which wants a new key), and when the cached key is
 * fresh and has more than the TTL and its minute of slack left. Anything else falls through to the command.
 */
public final class DesktopCacheHit {
    /** What {@code setup desktop} writes as {@code inferenceCredentialHelperTtlSec}: keys live at most an hour. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    /** Kept on top of the TTL: Desktop may use the key until its cache entry expires, then send one last request. */
    public static final Duration TTL_SLACK = Duration.ofMinutes(1);

    private DesktopCacheHit() {
    }

    /** Prints the cached key and returns true, or returns false having printed nothing. */
    public static boolean tryServe(String[] args, Environment env, Clock clock, PrintStream out) {
        // Plain code, no lambdas or regular expressions: this is a start-up path.
        if (args.length < 2 || !args[0].equals("helper") || !args[1].equals("desktop") || env.flag(ClientConfig.VERBOSE)
                || HelperContext.of(env.get(HelperContext.VARIABLE)) == HelperContext.MID_SESSION_REFRESH) {
            return false;
        }
        String profile = null;
        String region = null;
        Duration ttl = DEFAULT_TTL;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                return false;
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--profile" -> profile = value;
                case "--region" -> region = value;
                case "--ttl" -> {
                    try {
                        ttl = Durations.parse(value);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        if (!(ClientConfig.load(ClientConfig.Flags.profile(profile), env) instanceof Result.Ok<ClientConfig>(var config))
                || config.configured().isEmpty()) {
            return false;
        }
        String brokerRegion = config.configured().get().broker().region();
        String cacheKey = region != null ? region : brokerRegion.isEmpty() ? "default" : brokerRegion;
        Optional<Cached<BearerToken>> cached;
        try {
            cached = new JsonCacheSlot<>(config.files().bearerToken(cacheKey), Codecs.BEARER_TOKEN).read();
        } catch (IllegalArgumentException e) {
            return false;
        }
        Instant now = clock.instant();
        if (cached.isEmpty() || !(config.refreshPolicy().assess(cached.get(), now) instanceof CacheVerdict.Fresh<BearerToken>)
                || cached.get().remaining(now).compareTo(ttl.plus(TTL_SLACK)) < 0) {
            return false;
        }
        out.println(cached.get().value().token());
        out.flush();
        return !out.checkError();
    }
}
