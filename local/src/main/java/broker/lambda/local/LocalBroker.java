package broker.lambda.local;

import broker.lambda.authorizer.JwtAuthorizer;
import broker.lambda.authorizer.IssuersAuthorizer;
import broker.contract.ApiRoutes;
import broker.contract.BrokerEnv;
import broker.contract.BrokerFunction;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamKeyStatusSwitch;
import broker.lambda.core.budget.cutoff.BudgetEnforcer;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.revocation.Sleeper;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.wiring.BudgetWiring;
import software.amazon.awssdk.services.iam.IamClient;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.TrustedIssuer;
import broker.lambda.core.identity.TrustedIssuers;
import broker.lambda.core.state.StateStores;
import broker.lambda.handler.AdminHandler;
import broker.lambda.handler.ApiKeysHandler;
import broker.lambda.handler.CredentialsHandler;
import broker.lambda.handler.FunctionParts;
import broker.lambda.handler.UsageHandler;
import broker.lambda.handler.PublicHandler;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.KeysWiring;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The local broker: the broker's Lambda handlers on {@code 127.0.0.1}, behind a JWT check that behaves like API
 * Gateway's authorizer. {@code java -jar bedrock-broker-local.jar --help} lists the flags.
 *
 * <p>In-process use (tests): {@link #start(BrokerConfig, LocalBrokerOptions)}, or {@link LocalServer} with any
 * route table and authorizer.
 */
public final class LocalBroker {
    /** Printed on stdout, followed by the base URL, once the server accepts requests. */
    public static final String LISTENING = "Bedrock Broker listening on ";
    static final String NAME = "bedrock-broker-local";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final String DEFAULT_REGION = "us-east-1";
    /** Read by {@code log4j2.xml}: where the JSON log lines go (Lambda: stdout). */
    static final String LOG_TARGET_PROPERTY = "broker.log.target";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param env the process environment ({@code AWS_REGION} is the default region)
     * @param out gets the "listening" line and {@code --help}
     * @param err gets one line per start-up problem, and the server log
     */
    public LocalBroker(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public static void main(String[] args) throws InterruptedException {
        // Before anything starts Log4j: the handlers' JSON logs go to stderr, so stdout carries only the listening line.
        if (System.getProperty(LOG_TARGET_PROPERTY) == null) System.setProperty(LOG_TARGET_PROPERTY, "SYSTEM_ERR");
        // EMF's Local environment prints its metric documents with System.out.println: send them to stderr too.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        switch (new LocalBroker(System.getenv(), stdout, System.err).launch(args)) {
            case Launch.Exited(var code) -> System.exit(code);
            case Launch.Started(var broker) -> {
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    stopped.countDown();
                }, "local-broker-shutdown"));
                stopped.await();
            }
        }
    }

    /** What {@link #launch} did: the broker runs, or the process should exit with a code. */
    public sealed interface Launch {
        /** The broker serves requests; the caller closes it. */
        record Started(RunningBroker broker) implements Launch {}
        /** Help was printed (0), the flags were wrong (2) or the broker could not start (1); stderr says why. */
        record Exited(int code) implements Launch {}
    }

    /** Parses the flags and starts the broker; on any problem prints one line on stderr, never a stack trace. */
    public Launch launch(String[] args) {
        Flags flags = new Flags();
        CommandLine commandLine = new CommandLine(flags);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return fail(EXIT_USAGE, e.getMessage() + " (run with --help for usage)");
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return new Launch.Exited(EXIT_OK);
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return new Launch.Exited(EXIT_OK);
        }
        String usageProblem = flags.problem();
        if (usageProblem == null) usageProblem = flags.readIssuers();
        if (usageProblem != null) return fail(EXIT_USAGE, usageProblem);
        if (!Files.isRegularFile(flags.entitlements) || !Files.isReadable(flags.entitlements)) {
            return fail(EXIT_USAGE, "entitlements file " + flags.entitlements + " does not exist or cannot be read:"
                    + " pass --entitlements with the path of a readable entitlements JSON file");
        }
        EntitlementsDocument entitlements;
        try {
            entitlements = BrokerConfig.loadEntitlements(flags.entitlements);
        } catch (RuntimeException e) {
            String message = oneLine(e.getMessage());
            if (!message.startsWith("entitlements file")) {
                message = "entitlements file " + flags.entitlements + " is invalid: " + message;
            }
            return fail(EXIT_FAILURE, message + " (fix the file and start again)");
        }
        BrokerConfig config;
        try {
            config = flags.config(entitlements, env);
        } catch (IllegalStateException e) {
            // BrokerConfig names the setting by its environment variable: name the flag instead.
            return fail(EXIT_USAGE, oneLine(e.getMessage())
                    .replace(BrokerEnv.PERMISSIONS_BOUNDARY_ARN, "--permissions-boundary-arn")
                    .replace(BrokerEnv.IAM_USER_PATH, "--iam-user-path"));
        }
        if (flags.invocationLog != null && !Files.exists(flags.invocationLog)) {
            return fail(EXIT_USAGE, "invocation log " + flags.invocationLog + " does not exist: pass --invocation-log"
                    + " with a JSON-lines file or a directory of .json/.json.gz files");
        }
        LocalBrokerOptions options = new LocalBrokerOptions(flags.port, flags.acceptedAudiences(),
                DefaultCredentialsProvider.builder().build(), err, new Cors(flags.corsOrigins), flags.stateDir,
                flags.invocationLog, flags.keyInactiveDays == null ? null : java.time.Duration.ofDays(flags.keyInactiveDays));
        RunningBroker broker;
        try {
            broker = start(config, options);
        } catch (BindException e) {
            return fail(EXIT_FAILURE, "port " + flags.port + " on 127.0.0.1 is already in use:"
                    + " stop the program using it or choose another with --port (0 = any free port)");
        } catch (IOException e) {
            return fail(EXIT_FAILURE, "cannot listen on 127.0.0.1:" + flags.port + ": " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            return fail(EXIT_FAILURE, "cannot start the broker: " + oneLine(e.getMessage()));
        }
        out.println(LISTENING + broker.baseUri());
        out.flush();
        return new Launch.Started(broker);
    }

    /**
     * Starts the broker's real handlers (from {@link CredentialsWiring} and {@link KeysWiring}) behind a {@link JwtAuthorizer}
     * for each configured issuer ({@link IssuersAuthorizer}), with their metrics in EMF's {@code Local} environment ({@link LocalMetrics}). Resolves the issuers' keys at once; when that fails it logs a warning and keeps serving (authenticated
     * routes answer 401 until the issuer can be reached).
     *
     * @throws BindException when the port is taken
     */
    public static RunningBroker start(BrokerConfig config, LocalBrokerOptions options) throws IOException {
        return start(config, options, null);
    }

    /** The same; {@code sessions}, when not null, replaces the store's issuance records for usage attribution (tests). */
    static RunningBroker start(BrokerConfig config, LocalBrokerOptions options,
                               broker.lambda.core.usage.SessionOwners sessions) throws IOException {
        return start(config, options, sessions, java.time.Clock.systemUTC());
    }

    /**
     * The same, with the usage ledger, the budget cut-off and its restore pass on {@code budgetClock} (tests drive a
     * restore at the period's reset with it); issuance and tokens stay on the system clock.
     */
    static RunningBroker start(BrokerConfig config, LocalBrokerOptions options,
                               broker.lambda.core.usage.SessionOwners sessions, java.time.Clock budgetClock)
            throws IOException {
        LocalMetrics.useLocalEnvironment();
        EmbeddedStateStore store = options.stateDir() == null ? EmbeddedStateStore.inMemory()
                : EmbeddedStateStore.open(options.stateDir());
        IssuersAuthorizer authorizer;
        try {
            authorizer = new IssuersAuthorizer(config.issuers());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        EmbeddedBrokerState brokerState = new EmbeddedBrokerState(store);
        LocalUsage usage = LocalUsage.create(config, options.invocationLog(),
                sessions != null ? sessions : new broker.lambda.core.usage.DirectorySessionOwners(brokerState,
                        broker.lambda.core.usage.OwnerIssuers.of(config.issuers())),
                keyOwners(config, options.awsCredentials()), options.log(), budgetClock, store,
                budgets -> budgetEnforcer(config, options.awsCredentials(), StateStores.of(brokerState), budgets,
                        budgetClock));
        try {
            List<Route> routes = routes(config, options.awsCredentials(), StateStores.of(brokerState), usage.handler(),
                    usage.budgets());
            LocalServer server = new LocalServer(routes, authorizer, options.port(), options.log(), options.cors());
            usage.start();
            LocalReconciliation reconciliation = LocalReconciliation.start(config, options.keyInactiveAfter(),
                    options.awsCredentials(), brokerState, options.log());
            if (config.permissionsBoundaryArn() == null) {
                options.log().println("note: the API-key and admin routes are off; pass --permissions-boundary-arn"
                        + " to serve them");
            }
            authorizer.warmUp().forEach(problem -> options.log().println("warning: " + problem
                    + "; authenticated routes answer 401 for its tokens until the issuer can be reached"));
            return new Running(server, authorizer, store, usage, reconciliation);
        } catch (IOException | RuntimeException e) {
            usage.close();
            authorizer.close();
            store.close();
            throw e;
        }
    }

    /**
     * The budget cut-off and restore as the usage-ingest and restore functions run them: the revocation policy on the
     * Bedrock user role and the key users through IAM (its endpoint override), the state in the embedded store.
     */
    static BudgetEnforcer budgetEnforcer(BrokerConfig config, AwsCredentialsProvider awsCredentials, StateStores state,
                                         BudgetStore budgets, java.time.Clock clock) {
        IamClient iam = AwsClients.client(IamClient.builder(),
                AwsClients.Connection.of(config.region(), config.iamEndpoint(), awsCredentials));
        return BudgetWiring.enforcer(config, budgets, state, KeysWiring.sessionRevocations(config, iam),
                new IamApiKeys(iam), new IamKeyStatusSwitch(iam), PowertoolsAuditLog.forService(), clock, Sleeper.THREAD);
    }

    /**
     * Long-term keys' owners for usage attribution: the key users' owner tags in IAM (at {@code --iam-endpoint}) when
     * the API-key routes are on (they need {@code --permissions-boundary-arn}); without them the broker makes no key
     * users, and records of IAM users count as unattributed.
     */
    static broker.lambda.core.usage.KeyOwners keyOwners(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        if (config.permissionsBoundaryArn() == null) return names -> Map.of();
        return broker.lambda.wiring.UsageWiring.keyOwners(config, awsCredentials);
    }

    /**
     * Every route the local broker serves for this configuration, with the real handlers from {@link CredentialsWiring} and {@link KeysWiring}: the
     * public and credentials functions' routes, and the API-key and admin functions' routes when the configuration
     * names a permissions boundary (those functions cannot work without one).
     */
    public static List<Route> routes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return routes(config, awsCredentials, StateStores.inMemory());
    }

    /** {@link #routes(BrokerConfig, AwsCredentialsProvider)} keeping the broker's state in {@code state}. */
    public static List<Route> routes(BrokerConfig config, AwsCredentialsProvider awsCredentials, StateStores state) {
        LocalUsage usage = LocalUsage.create(config, null, names -> Map.of(), names -> Map.of(),
                System.err, java.time.Clock.systemUTC(), null);
        return routes(config, awsCredentials, state, usage.handler(), usage.budgets());
    }

    /**
     * The same, with the usage function's routes on {@code usage} (its ledger fed by the invocation log) and each
     * issuance checked against {@code budgets} (over that ledger).
     */
    static List<Route> routes(BrokerConfig config, AwsCredentialsProvider awsCredentials, StateStores state,
                              UsageHandler usage, BudgetStore budgets) {
        List<Route> routes = new ArrayList<>(routes(publicHandler(config, awsCredentials),
                new CredentialsHandler(FunctionParts.local(
                        CredentialsWiring.credentialsFunction(config, awsCredentials, state, budgets).routes()::handle))));
        routes.addAll(served(Map.of(BrokerFunction.USAGE, usage)));
        if (config.permissionsBoundaryArn() != null) {
            routes.addAll(apiKeyRoutes(
                    new ApiKeysHandler(FunctionParts.local(
                            KeysWiring.apiKeysRoutes(config, awsCredentials, state, budgets)::handle)),
                    new AdminHandler(FunctionParts.local(KeysWiring.adminRoutes(config, awsCredentials, state, budgets)::handle))));
        }
        return List.copyOf(routes);
    }

    /** The public function as the local broker runs it: its own model catalog when the catalog is on. */
    public static PublicHandler publicHandler(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return new PublicHandler(FunctionParts.local(CredentialsWiring.publicFunction(config, awsCredentials).routes()::handle));
    }

    /** The credentials function as the local broker runs it: STS (and Bedrock) signed by {@code awsCredentials}. */
    public static CredentialsHandler credentialsHandler(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return new CredentialsHandler(
                FunctionParts.local(CredentialsWiring.credentialsFunction(config, awsCredentials).routes()::handle));
    }

    /** The public and credentials functions' routes as the contract declares them. */
    public static List<Route> routes(PublicHandler publicHandler, CredentialsHandler credentialsHandler) {
        return served(Map.of(BrokerFunction.PUBLIC, publicHandler, BrokerFunction.CREDENTIALS, credentialsHandler));
    }

    /** The API-key and admin functions' routes as the contract declares them. */
    public static List<Route> apiKeyRoutes(ApiKeysHandler apiKeys, AdminHandler admin) {
        return served(Map.of(BrokerFunction.API_KEYS, apiKeys, BrokerFunction.ADMIN, admin));
    }

    /** Every contract route of these functions, each to its function's handler. */
    private static List<Route> served(
            Map<BrokerFunction, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
        return ApiRoutes.ALL.stream().filter(route -> handlers.containsKey(route.function()))
                .map(route -> new Route(route.method(), route.path(), route.authenticated(), handlers.get(route.function())))
                .toList();
    }

    private Launch fail(int code, String message) {
        err.println(NAME + ": " + oneLine(message));
        err.flush();
        return new Launch.Exited(code);
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    record Running(LocalServer server, IssuersAuthorizer authorizer, EmbeddedStateStore store, LocalUsage usage,
                           LocalReconciliation reconciliation) implements RunningBroker {
        @Override
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            reconciliation.close();
            usage.close();
            server.close();
            authorizer.close();
            // Last: requests in flight have finished writing.
            store.close();
        }
    }

    @Command(name = NAME, mixinStandardHelpOptions = true, version = NAME + " 0.1.0", sortOptions = false,
            description = "Serves the Bedrock Broker HTTP API on 127.0.0.1 with the same handlers as the Lambda"
                    + " functions, checking JWTs as API Gateway's JWT authorizer does.")
    static final class Flags {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
                description = "Loopback port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--issuer", paramLabel = "URL", required = true,
                description = "OIDC issuer; its /.well-known/openid-configuration must name the same issuer.")
        String issuer;

        @Option(names = "--audience", paramLabel = "AUD", required = true,
                description = "Accepted token audience (aud, or client_id for Cognito access tokens); repeatable.")
        List<String> audiences = new ArrayList<>();

        @Option(names = "--role-arn", paramLabel = "ARN", required = true,
                description = "The Bedrock user role that the broker assumes for callers.")
        String roleArn;

        @Option(names = "--entitlements", paramLabel = "FILE", required = true,
                description = "Entitlements JSON file.")
        Path entitlements;

        @Option(names = "--region", paramLabel = "REGION",
                description = "Broker region (default: AWS_REGION, else " + DEFAULT_REGION + ").")
        String region;

        @Option(names = "--sts-endpoint", paramLabel = "URL", description = "STS endpoint override.")
        String stsEndpoint;

        @Option(names = "--iam-endpoint", paramLabel = "URL", description = "IAM endpoint override.")
        String iamEndpoint;

        @Option(names = "--model-catalog", negatable = true, defaultValue = "false",
                description = "Read Bedrock's model catalog (ListFoundationModels, ListInferenceProfiles) for exact"
                        + " session policies, model families and the client-config's recommended models (default: off).")
        boolean modelCatalog;

        @Option(names = "--bedrock-endpoint", paramLabel = "URL", description = "Bedrock control-plane endpoint override.")
        String bedrockEndpoint;

        @Option(names = "--client-id", paramLabel = "ID",
                description = "Public client id published in /v1/client-config (default: the first --audience).")
        String clientId;

        @Option(names = "--username-claim", paramLabel = "CLAIM",
                description = "Claim with the user name (default: email).")
        String usernameClaim;

        @Option(names = "--groups-claim", paramLabel = "CLAIM",
                description = "Claim with the groups (default: groups).")
        String groupsClaim;

        @Option(names = "--subject-claim", paramLabel = "CLAIM",
                description = "Stable subject claim that identities are keyed on, with the issuer (default: sub;"
                        + " oid for Entra ID).")
        String subjectClaim;

        @Option(names = "--issuers", paramLabel = "FILE",
                description = "JSON list of further issuers (people or workloads, each with its audiences, client"
                        + " ids and claims); their tokens are checked exactly as --issuer's are.")
        Path issuersFile;

        @Option(names = "--redirect-ports", paramLabel = "PORT", split = ",",
                description = "Loopback ports registered as the CLI's redirect URIs (default: 53682,53683,53684).")
        List<Integer> redirectPorts;

        @Option(names = "--primary-model", paramLabel = "MODEL", defaultValue = "",
                description = "Recommended primary model id.")
        String primaryModel;

        @Option(names = "--fast-model", paramLabel = "MODEL", defaultValue = "",
                description = "Recommended small/fast model id.")
        String fastModel;

        @Option(names = "--cors-origin", paramLabel = "ORIGIN",
                description = "Browser origin (scheme://host[:port]) that may call the API; repeatable. None: no CORS.")
        List<String> corsOrigins = new ArrayList<>();

        @Option(names = "--portal-client-id", paramLabel = "ID",
                description = "Public client id of the onboarding page (/portal), published in /v1/client-config;"
                        + " its tokens are accepted like an --audience.")
        String portalClientId;

        @Option(names = "--permissions-boundary-arn", paramLabel = "ARN",
                description = "Permissions boundary of the IAM users holding long-term API keys; without it the"
                        + " API-key and admin routes are off.")
        String permissionsBoundaryArn;

        @Option(names = "--invocation-log", paramLabel = "PATH",
                description = "Bedrock model invocation logs to count into the usage ledger: a JSON-lines file, or a"
                        + " directory of .json/.json.gz files as Bedrock delivers them to S3; read at start and"
                        + " followed as it grows.")
        Path invocationLog;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "Keep the broker's state (revocations, who was issued to) in DIR, created 0700, so that"
                        + " a restart loses nothing; without it the state lives in memory.")
        Path stateDir;

        @Option(names = "--key-inactive-days", paramLabel = "DAYS",
                description = "Key reconciliation, at start and then daily: people with no issuance for DAYS days get"
                        + " their long-term keys set Inactive (never deleted), keyless key users are deleted (needs"
                        + " --permissions-boundary-arn; default: off).")
        Integer keyInactiveDays;

        @Option(names = "--iam-user-path", paramLabel = "PATH",
                description = "IAM path of those users (default: " + BrokerEnv.DEFAULT_IAM_USER_PATH + ").")
        String iamUserPath;

        /** The issuers read from --issuers (set by {@link #readIssuers}). */
        List<TrustedIssuer> extraIssuers = List.of();

        /** Reads --issuers; the problem with the file, or null. */
        String readIssuers() {
            if (issuersFile == null) return null;
            try {
                extraIssuers = TrustedIssuers.parse(java.nio.file.Files.readString(issuersFile));
            } catch (IOException e) {
                return "--issuers: cannot read " + issuersFile + ": " + e.getMessage();
            } catch (IllegalArgumentException e) {
                return "--issuers " + issuersFile + ": " + e.getMessage();
            }
            for (TrustedIssuer extra : extraIssuers) {
                if (extra.issuer().equals(issuer)) return "--issuers " + issuersFile + ": " + issuer + " is --issuer already";
            }
            return null;
        }

        /** The --audience values, and the portal's client id so that the page's tokens are accepted. */
        List<String> acceptedAudiences() {
            List<String> accepted = new ArrayList<>(audiences);
            if (portalClientId != null && !accepted.contains(portalClientId)) accepted.add(portalClientId);
            return accepted;
        }

        /** The first flag value that cannot work, with its fix; null when all are usable. */
        String problem() {
            if (port < 0 || port > 65_535) return "--port must be between 0 and 65535 (0 = any free port); got " + port;
            if (!isHttpUrl(issuer)) {
                return "--issuer must be an absolute http(s) URL such as"
                        + " https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example; got '" + issuer + "'";
            }
            for (String audience : audiences) {
                if (audience.isBlank()) return "--audience must not be empty";
            }
            if (!ROLE_ARN.matcher(roleArn).matches()) {
                return "--role-arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/BedrockUser;"
                        + " got '" + roleArn + "'";
            }
            if (stsEndpoint != null && !isHttpUrl(stsEndpoint)) {
                return "--sts-endpoint must be an absolute http(s) URL; got '" + stsEndpoint + "'";
            }
            if (iamEndpoint != null && !isHttpUrl(iamEndpoint)) {
                return "--iam-endpoint must be an absolute http(s) URL; got '" + iamEndpoint + "'";
            }
            if (bedrockEndpoint != null && !isHttpUrl(bedrockEndpoint)) {
                return "--bedrock-endpoint must be an absolute http(s) URL; got '" + bedrockEndpoint + "'";
            }
            if (redirectPorts != null) {
                for (int redirectPort : redirectPorts) {
                    if (redirectPort < 1 || redirectPort > 65_535) {
                        return "--redirect-ports must be ports between 1 and 65535; got " + redirectPort;
                    }
                }
            }
            if (region != null && region.isBlank()) return "--region must not be empty";
            for (String origin : corsOrigins) {
                try {
                    Cors.requireOrigin(origin);
                } catch (IllegalArgumentException e) {
                    return "--cors-origin: " + e.getMessage();
                }
            }
            if (portalClientId != null && portalClientId.isBlank()) return "--portal-client-id must not be empty";
            if (keyInactiveDays != null && (keyInactiveDays < 1 || keyInactiveDays > BrokerEnv.MAX_KEY_INACTIVE_DAYS)) {
                return "--key-inactive-days must be between 1 and " + BrokerEnv.MAX_KEY_INACTIVE_DAYS + "; got "
                        + keyInactiveDays;
            }
            return null;
        }

        BrokerConfig config(EntitlementsDocument entitlements, Map<String, String> env) {
            String awsRegion = env.get("AWS_REGION");
            String resolvedRegion = region != null ? region
                    : awsRegion != null && !awsRegion.isBlank() ? awsRegion : DEFAULT_REGION;
            IdentityClaims claims = new IdentityClaims(
                    subjectClaim != null ? subjectClaim : IdentityClaims.DEFAULT_SUBJECT_CLAIM,
                    usernameClaim != null ? usernameClaim : IdentityClaims.DEFAULTS.userNameClaim(),
                    groupsClaim != null ? groupsClaim : IdentityClaims.DEFAULTS.groupsClaim());
            BrokerConfig.ClientConfig client = new BrokerConfig.ClientConfig(
                    issuer,
                    clientId != null ? clientId : audiences.getFirst(),
                    BrokerEnv.DEFAULT_SCOPES,
                    redirectPorts != null ? redirectPorts : BrokerEnv.DEFAULT_REDIRECT_PORTS,
                    primaryModel,
                    fastModel,
                    portalClientId);
            List<TrustedIssuer> issuers = new ArrayList<>();
            issuers.add(BrokerConfig.peopleIssuer(client, claims, acceptedAudiences()));
            issuers.addAll(extraIssuers);
            return new BrokerConfig(
                    roleArn,
                    resolvedRegion,
                    entitlements,
                    claims,
                    client,
                    stsEndpoint != null ? URI.create(stsEndpoint) : null,
                    iamEndpoint != null ? URI.create(iamEndpoint) : null,
                    iamUserPath != null ? iamUserPath : BrokerEnv.DEFAULT_IAM_USER_PATH,
                    permissionsBoundaryArn,
                    new BrokerConfig.CatalogSettings(modelCatalog,
                            bedrockEndpoint != null ? URI.create(bedrockEndpoint) : null,
                            BrokerConfig.CatalogSettings.ON.timing(), BrokerConfig.CatalogSettings.ON.preferences()),
                    issuers, BrokerConfig.StateSettings.NONE);
        }

        private static boolean isHttpUrl(String value) {
            try {
                URI uri = new URI(value);
                return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
