package broker.client.cli;

import broker.client.awsfiles.AwsCredentialsFile;
import broker.client.config.ClientConfig;
import broker.client.console.FailureReport;
import broker.client.console.StderrDiagnostics;
import broker.client.config.Environment;
import broker.client.core.Authenticated;
import broker.client.core.AwsCredentials;
import broker.client.core.BearerToken;
import broker.client.core.ClientFailure;
import broker.client.core.CredentialKeeper;
import broker.client.core.Diagnostics;
import broker.client.core.IdTokenSource;
import broker.client.core.ProfileSettings;
import broker.client.core.RefreshContext;
import broker.client.core.RefreshPolicy;
import broker.client.core.Result;
import broker.client.core.RetryAfterBackoff;
import broker.client.core.SecureUrls;
import broker.client.oidc.Browser;
import broker.client.oidc.Login;
import broker.client.oidc.OidcTokenSource;
import broker.client.oidc.WebIdentityTokenSource;
import broker.client.remote.BrokerClient;
import broker.client.remote.HttpTransport;
import broker.client.remote.ProxySettings;
import broker.client.shell.SystemCommands;
import broker.client.shell.SystemPrograms;
import broker.client.shell.WindowsUserEnvironment;
import broker.client.remote.UrlConnectionTransport;
import broker.client.store.Codecs;
import broker.client.store.FileRefreshLock;
import broker.client.store.JsonCacheSlot;
import broker.client.store.RetryAfterFile;
import broker.client.store.SecureFiles;
import broker.client.store.TokenFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The object graph of one run past the cache hit, built by {@code Main} and handed to every command. Everything is
 * built on demand: a command that needs no network never builds the HTTP client.
 *
 * @param transport where the HTTP client is kept once built (one per run)
 */
public record Services(Environment env, Clock clock, PrintStream out, PrintStream err, Browser browser,
                       Login.Sleeper sleeper, SystemCommands commands, LazyTransport transport) {
    /** How long a process waits for another one's refresh (token refresh + broker call, each with timeouts). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    public Services(Environment env, Clock clock, PrintStream out, PrintStream err, Browser browser, Login.Sleeper sleeper,
                    SystemCommands commands) {
        this(env, clock, out, err, browser, sleeper, commands, new LazyTransport());
    }

    /** Leaves the parts out: the environment may hold secrets (AWS keys, bearer tokens). */
    @Override
    public String toString() {
        return "Services[redacted]";
    }

    /** The run's HTTP client, built by the first command that calls the network. */
    public static final class LazyTransport {
        private HttpTransport built;

        HttpTransport get(ClientConfig config, Environment env) {
            if (built == null) {
                built = new UrlConnectionTransport(config.timeout(), ProxySettings.from(env.variables()));
            }
            return built;
        }
    }

    /** The run's configuration, resolved once; the client's own directories are made private on the way. */
    public Result<ClientConfig> config(ClientConfig.Flags flags) {
        Result<ClientConfig> loaded = ClientConfig.load(flags, env);
        if (loaded instanceof Result.Ok<ClientConfig>(var config)) {
            secureDirectories(config);
        }
        return loaded;
    }

    /**
     * Tightens the client home, its {@code profiles} directory and the profile's directory when other users may use
     * them (made by an older client, an unzip, a umask), and says so on stderr; reports one it cannot tighten.
     */
    public void secureDirectories(ClientConfig config) {
        Path home = config.files().home();
        for (Path dir : List.of(home, home.resolve("profiles"), config.files().directory())) {
            try {
                switch (SecureFiles.tightenDirectory(dir)) {
                    case PRIVATE -> { }
                    case TIGHTENED -> err.println("bedrock-broker: note: " + dir + " was open to other users; it is"
                            + " now private (0700).");
                    case NOT_OWNED -> err.println("bedrock-broker: warning: " + dir + " belongs to another user and is"
                            + " open to others, who could change your broker settings; set BEDROCK_BROKER_HOME to a"
                            + " directory of your own.");
                }
            } catch (IOException e) {
                err.println("bedrock-broker: warning: cannot check the permissions of " + dir + " ("
                        + broker.client.store.IoMessages.describe(e) + ").");
            }
        }
    }

    /**
     * The profile's stored broker settings, or {@link ClientFailure.NotConfigured}; a profile stored before the client
     * refused plain http (a broker or issuer off this machine without TLS) is refused until it is configured again.
     */
    public Result<ProfileSettings> configured(ClientConfig config) {
        if (config.configured().isEmpty()) {
            return Result.err(new ClientFailure.NotConfigured(config.profile()));
        }
        ProfileSettings settings = config.configured().get();
        String p = config.profile().equals(ClientConfig.DEFAULT_PROFILE) ? "" : " --profile " + config.profile();
        if (!SecureUrls.allowed(settings.brokerUrl())) {
            return Result.err(new ClientFailure.InvalidSetting("broker URL", settings.brokerUrl() + " is not https, so"
                    + " tokens and credentials would travel unencrypted; run: bedrock-broker configure --url https://..." + p));
        }
        if (!SecureUrls.allowed(settings.broker().issuer())) {
            return Result.err(new ClientFailure.InvalidSetting("issuer", settings.broker().issuer() + " is not https;"
                    + " ask your platform team to fix the broker's identity provider, then run: bedrock-broker configure"
                    + " --url " + settings.brokerUrl() + p));
        }
        return Result.ok(settings);
    }

    public FailureReport failures(String profile) {
        return new FailureReport(err, profile);
    }

    public Diagnostics diagnostics(ClientConfig config) {
        return new StderrDiagnostics(err, config.verbose(), failures(config.profile()));
    }

    public HttpTransport http(ClientConfig config) {
        return transport.get(config, env);
    }

    public BrokerClient broker(ClientConfig config, URI url) {
        return new BrokerClient(url, http(config), userAgent(), diagnostics(config)::budgetWarning);
    }

    public TokenFile tokenFile(ClientConfig config) {
        return new TokenFile(config.files().tokens());
    }

    public FileRefreshLock lock(ClientConfig config) {
        return new FileRefreshLock(config.files().lock());
    }

    /**
     * The token the broker calls are made with: a workload's web identity token when the environment names one
     * ({@link WebIdentityTokenSource}: CI, no login), else the signed-in person's ID token.
     */
    public IdTokenSource idTokens(ClientConfig config, ProfileSettings settings) {
        return WebIdentityTokenSource.from(env, settings.brokerUrl(), http(config)).<IdTokenSource>map(s -> s)
                .orElseGet(() -> new OidcTokenSource(tokenFile(config), settings.broker(), http(config), clock));
    }

    public CredentialKeeper<AwsCredentials> credentials(ClientConfig config, ProfileSettings settings) {
        return credentials(config, settings, config.refreshPolicy());
    }

    public CredentialKeeper<AwsCredentials> credentials(ClientConfig config, ProfileSettings settings,
                                                        RefreshPolicy policy) {
        return new CredentialKeeper<>("credentials", Codecs.credentialsCache(config.files()), policy,
                broker(config, settings.brokerUrl()).credentials(0, null),
                (c, expiresAt) -> new AwsCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                        iso(expiresAt), c.region()), refreshContext(config, settings, LOCK_WAIT));
    }

    /** @param region the region to presign for, or null for the broker's default */
    public CredentialKeeper<BearerToken> bearerToken(ClientConfig config, ProfileSettings settings, String region) {
        return bearerToken(config, settings, region, LOCK_WAIT);
    }

    /** As above, waiting at most {@code lockWait} for another process's refresh (helpers run under a time limit). */
    public CredentialKeeper<BearerToken> bearerToken(ClientConfig config, ProfileSettings settings, String region,
                                                     Duration lockWait) {
        String cacheKey = region != null ? region
                : settings.broker().region().isEmpty() ? "default" : settings.broker().region();
        return new CredentialKeeper<>("bearer token",
                new JsonCacheSlot<>(config.files().bearerToken(cacheKey), Codecs.BEARER_TOKEN), config.refreshPolicy(),
                broker(config, settings.brokerUrl()).bearerToken(region),
                (t, expiresAt) -> new BearerToken(t.token(), iso(expiresAt), t.region()),
                refreshContext(config, settings, lockWait));
    }

    /** The profile's refresh lock, sign-in, clock, diagnostics and back-off, shared by its keepers. */
    private RefreshContext refreshContext(ClientConfig config, ProfileSettings settings, Duration lockWait) {
        return new RefreshContext(lock(config), lockWait, idTokens(config, settings), clock, diagnostics(config),
                backoff(config));
    }

    /** The broker's last {@code Retry-After}, shared by the profile's processes. */
    public RetryAfterBackoff backoff(ClientConfig config) {
        return new RetryAfterBackoff(new RetryAfterFile(config.files().retryAfter()));
    }

    public Login login(ClientConfig config, ProfileSettings settings) {
        return new Login(settings.broker(), http(config), browser, err, clock, sleeper);
    }

    /** Where {@code env --persist} writes on Windows. */
    public WindowsUserEnvironment windowsUserEnvironment() {
        return new WindowsUserEnvironment(commands, SystemPrograms.windowsSystem32(env, "setx.exe"));
    }

    /** One broker request with the signed-in user's ID token (renewed once if the broker rejects it). */
    public <T> Result<T> authenticated(ClientConfig config, ProfileSettings settings,
                                       java.util.function.BiFunction<BrokerClient, String, Result<T>> request) {
        BrokerClient broker = broker(config, settings.brokerUrl());
        return Authenticated.call(idTokens(config, settings), idToken -> request.apply(broker, idToken));
    }

    public AwsCredentialsFile awsCredentialsFile() {
        return AwsCredentialsFile.locate(env);
    }

    /** Forgets cached credentials and bearer tokens (after a new login, a logout or a new broker). */
    public void clearCaches(ClientConfig config) {
        Path dir = config.files().directory();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{credentials.json,bearer-token-*.json}")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            err.println("bedrock-broker: warning: could not clear cached credentials in " + dir);
        }
    }

    /** This client's version, from the jar's manifest ({@code dev} when run from classes). */
    public static String version() {
        String version = Services.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static String userAgent() {
        return "bedrock-broker-client/" + version() + " (" + System.getProperty("os.name") + "; java "
                + Runtime.version().feature() + ")";
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
