package broker.client.cli.helper;

import broker.client.cli.Services;
import broker.client.cli.CommonOptions;
import broker.client.config.ClientConfig;
import broker.client.core.BearerToken;
import broker.client.core.CredentialKeeper;
import broker.client.core.HelperContext;
import broker.client.core.OidcTokens;
import broker.client.core.ProfileSettings;
import broker.client.core.Result;
import broker.client.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helper desktop}: Claude Desktop's {@code inferenceCredentialHelper} for Amazon Bedrock. Prints a short-term
 * Bedrock API key that the broker minted ({@code POST /v1/bearer-tokens}), cached per profile and region like
 * {@code token}'s, and nothing else on stdout. A fresh cached key is printed by {@link DesktopCacheHit} before this
 * command is even parsed.
 *
 * <p>Desktop caches the answer for {@code inferenceCredentialHelperTtlSec} seconds, so the key handed out always has
 * more than {@code --ttl} (plus a minute) left where the broker can give one. {@code CLAUDE_HELPER_CONTEXT} decides
 * how far it may go: only {@code interactive} (or a run by hand) may sign in with the browser; every other context
 * stays silent, and a sign-in need ends with one sentence on stderr and exit code 4; a mid-session refresh also runs
 * under short network and lock time limits. {@code mid-session-refresh} means Desktop's key expired or was rejected, so it asks the broker for a new one
 * rather than hand back the cached key (which it still serves, with a warning, when the broker cannot be reached).
 */
@Command(name = "desktop", description = {"Claude Desktop's inferenceCredentialHelper: print a short-term Bedrock API key.",
        "Reads CLAUDE_HELPER_CONTEXT: only 'interactive' (or a run by hand) may sign in with the browser;",
        "otherwise a needed sign-in exits with code 4. Set it up with: bedrock-broker setup desktop"})
public final class DesktopHelperCommand extends ConfiguredCommand {
    public static final Duration DEFAULT_TTL = DesktopCacheHit.DEFAULT_TTL;
    static final Duration TTL_SLACK = DesktopCacheHit.TTL_SLACK;
    /**
     * A mid-session refresh must answer well inside Desktop's time limit for it (20 s in the AWS guidance's reading
     * of the contract): at most 5 s waiting for another process's refresh, then at most two requests (ID-token
     * refresh, broker) of at most 7 s each.
     */
    static final Duration MID_SESSION_REQUEST_TIMEOUT = Duration.ofSeconds(7);
    static final Duration MID_SESSION_LOCK_WAIT = Duration.ofSeconds(5);
    /** Other contexts run under {@code inferenceCredentialHelperTimeoutSec} (60 s by default). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(20);

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region the key is presigned for (default: the broker's); Desktop's inferenceBedrockRegion.")
    String region;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
            description = "Desktop's inferenceCredentialHelperTtlSec: the key printed has more than this left (default 30m).")
    Duration ttl = DEFAULT_TTL;

    @Option(names = "--json", description = "Print {\"token\":...,\"headers\":{}} instead of the bare key.")
    boolean json;

    public DesktopHelperCommand(Services services) {
        super(services);
    }

    private HelperContext context() {
        return HelperContext.of(services.env().get(HelperContext.VARIABLE));
    }

    @Override
    protected ClientConfig.Flags flags() {
        return common.flags(null, !context().mayPrompt());
    }

    @Override
    Duration timeoutCap() {
        return context() == HelperContext.MID_SESSION_REFRESH ? MID_SESSION_REQUEST_TIMEOUT : null;
    }

    @Override
    int run(ClientConfig config, ProfileSettings settings) {
        HelperContext context = context();
        var diagnostics = services.diagnostics(config);
        diagnostics.verbose("Claude Desktop helper context: " + context.name().toLowerCase(java.util.Locale.ROOT));
        // Desktop's key expired or was rejected: a new one, not the one it just gave up on.
        boolean force = context == HelperContext.MID_SESSION_REFRESH;
        CredentialKeeper<BearerToken> keeper = keeper(config, settings, force ? MID_SESSION_LOCK_WAIT : LOCK_WAIT);
        Result<BearerToken> result = keeper.obtain(force);
        if (!force && result instanceof Result.Ok<BearerToken>(var cached) && shorterThanTtl(cached)) {
            diagnostics.verbose("the cached key expires within the helper TTL (" + ttl.toMinutes() + "m); getting a new one");
            result = keeper.obtain(true);
        }
        if (result instanceof Result.Err<BearerToken>(var failure) && HelperRuns.needsLogin(failure)
                && context.mayPrompt()) {
            services.err().println("Your Bedrock Broker sign-in has expired; signing in with the browser.");
            result = login(config, settings).flatMap(tokens -> keeper(config, settings, LOCK_WAIT)
                    .obtain(false));
        }
        return switch (result) {
            case Result.Ok<BearerToken>(var token) -> {
                if (shorterThanTtl(token)) {
                    services.err().println("bedrock-broker: warning: this key expires at " + token.expiration()
                            + ", within the helper TTL of " + ttl.toMinutes() + " min: set Claude Desktop's"
                            + " inferenceCredentialHelperTtlSec lower (bedrock-broker setup desktop --ttl).");
                }
                services.out().println(json ? desktopJson(token) : token.token());
                services.out().flush();
                yield HelperRuns.OK;
            }
            case Result.Err<BearerToken>(var failure) -> fail(config, failure);
        };
    }

    /** The JSON form of the contract; Bedrock needs no extra headers. */
    static String desktopJson(BearerToken token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token.token());
        answer.put("headers", Map.of());
        return Json.write(answer);
    }

    private boolean shorterThanTtl(BearerToken token) {
        Instant expires = Instant.parse(token.expiration());
        return Duration.between(services.clock().instant(), expires).compareTo(ttl.plus(TTL_SLACK)) < 0;
    }

    private Result<OidcTokens> login(ClientConfig config, ProfileSettings settings) {
        return services.login(config, settings).withBrowser(false)
                .flatMap(tokens -> services.tokenFile(config).write(tokens).map(ignored -> {
                    services.clearCaches(config);
                    return tokens;
                }));
    }

    /** {@code Services.bearerToken} (the same cache as {@code token}), with this context's lock wait. */
    private CredentialKeeper<BearerToken> keeper(ClientConfig config, ProfileSettings settings, Duration lockWait) {
        return services.bearerToken(config, settings, region, lockWait);
    }
}
