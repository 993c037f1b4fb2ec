package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import broker.client.config.Environment;
import broker.client.core.MutableClock;
import broker.client.oidc.Browser;
import broker.contract.BrokerEnv;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.local.LocalBroker;
import broker.lambda.local.LocalBrokerOptions;
import broker.lambda.local.RunningBroker;
import broker.lambda.wiring.BrokerConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A broker (WireMock stubs of the v1 API) and a real OIDC issuer (mock-oauth2-server) on loopback, a temporary home,
 * and a way to run the client in this JVM with captured output. The test "browser" follows the authorize URL with an
 * HTTP client, as a browser would, back to the client's loopback redirect.
 */
public final class TestWorld implements AutoCloseable {
    public static final String CLIENT_ID = "bedrock-broker-cli";
    /** The Bedrock user role of {@link #startLocalBrokerAndSignIn}. */
    public static final String LOCAL_BROKER_ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";

    public final MockOAuth2Server idp = new MockOAuth2Server();
    public final WireMockServer broker = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    public final Path home;
    public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    public final Map<String, String> env = new HashMap<>();
    public final int redirectPort;
    public int browserVisits;
    /** The launcher the client is told it was started by (a file under the home, as a real one would be). */
    public String launcher;
    public String osName = "Linux";
    /** Operating-system commands the client ran (setx), each answered with {@link #commandExit}. */
    public final java.util.List<java.util.List<String>> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    public int commandExit;

    public TestWorld(Path home) {
        this.home = home;
        idp.start();
        broker.start();
        redirectPort = freePort();
        env.put("HOME", home.toString());
        launcher = createLauncher(home.resolve("opt/bedrock-broker/bin/bedrock-broker"));
        stubClientConfig();
        stubCredentials(Duration.ofHours(1));
        stubBearerToken();
    }

    public String issuer() {
        return idp.issuerUrl("default").toString();
    }

    public String brokerUrl() {
        return "http://127.0.0.1:" + broker.port();
    }

    public void stubClientConfig() {
        stubClientConfig(null);
    }

    /** The broker's public configuration; {@code date} (the broker's clock) null for no Date header. */
    public void stubClientConfig(Instant date) {
        var response = aResponse().withHeader("Content-Type", "application/json");
        if (date != null) {
            response = response.withHeader("Date", httpDate(date));
        }
        broker.stubFor(get("/v1/client-config").willReturn(response
                .withBody("{\"issuer\":\"" + issuer() + "\",\"clientId\":\"" + CLIENT_ID + "\",\"scopes\":[\"openid\","
                        + "\"email\",\"profile\",\"offline_access\"],\"redirectPorts\":[" + redirectPort + "],"
                        + "\"region\":\"us-east-1\",\"models\":{\"primary\":\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\","
                        + "\"fast\":\"\"}}")));
    }

    /** Credentials valid for {@code lifetime} from the test clock's now, with a matching Date header. */
    public void stubCredentials(Duration lifetime) {
        Instant now = clock.instant();
        broker.stubFor(post("/v1/credentials").withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withHeader("Date", httpDate(now))
                        .withBody("{\"accessKeyId\":\"ASIA" + now.getEpochSecond() + "\",\"secretAccessKey\":\"secret/"
                                + now.getEpochSecond() + "+k\",\"sessionToken\":\"session-" + now.getEpochSecond()
                                + "\",\"expiration\":\"" + now.plus(lifetime) + "\",\"region\":\"us-east-1\"}")));
    }

    public void stubBearerToken() {
        Instant now = clock.instant();
        broker.stubFor(post("/v1/bearer-tokens").withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withHeader("Date", httpDate(now))
                        .withBody("{\"token\":\"bedrock-api-key-" + now.getEpochSecond() + "\",\"expiration\":\""
                                + now.plus(Duration.ofHours(1)) + "\",\"region\":\"us-east-1\"}")));
    }

    public int credentialCalls() {
        return broker.countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/credentials")).build()).getCount();
    }

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Follows the authorize URL and its redirect to the loopback receiver, like a browser, on another thread. */
    public Browser browser() {
        return uri -> {
            browserVisits++;
            CompletableFuture.runAsync(() -> visit(uri));
            return true;
        };
    }

    private static void visit(URI uri) {
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()) {
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of one client run. */
    public record Run(int exitCode, String out, String err) {}

    public Run run(String... args) {
        return run(clock, args);
    }

    public Run run(Clock runClock, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new Environment(env, osName, "/nowhere", launcher), runClock,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                browser(), d -> { }, command -> {
                    commands.add(command);
                    return commandExit;
                });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public Run configureAndLogin() {
        Run configure = run("configure", "--url", brokerUrl());
        if (configure.exitCode() != 0) {
            throw new IllegalStateException(configure.toString());
        }
        Run login = run("login");
        if (login.exitCode() != 0) {
            throw new IllegalStateException(login.toString());
        }
        return login;
    }

    /**
     * The real local broker (the Lambda handlers behind the same JWT check as API Gateway's) for this world's issuer,
     * with STS at {@code sts}; then {@code configure} and {@code login} as alice, a member of {@code developers}.
     */
    public RunningBroker startLocalBrokerAndSignIn(Path entitlements, URI sts) throws IOException {
        var config = new BrokerConfig(LOCAL_BROKER_ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements),
                IdentityClaims.DEFAULTS, new BrokerConfig.ClientConfig(issuer(), CLIENT_ID,
                BrokerEnv.DEFAULT_SCOPES, java.util.List.of(redirectPort), "", ""), sts, null);
        RunningBroker running = LocalBroker.start(config, new LocalBrokerOptions(0, java.util.List.of(CLIENT_ID),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALBROKER", "local-secret")),
                new PrintStream(OutputStream.nullOutputStream())));
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice", "JWT", java.util.List.of(CLIENT_ID),
                Map.of("email", "alice@example.com", "email_verified", true, "groups", java.util.List.of("developers")), 3600));
        Run configure = run("configure", "--url", running.baseUri().toString());
        Run login = configure.exitCode() == 0 ? run("login") : configure;
        if (login.exitCode() != 0) {
            running.close();
            throw new IllegalStateException(login.toString());
        }
        return running;
    }

    /** An executable stand-in for bin/bedrock-broker at {@code path}; returns its absolute path. */
    public static String createLauncher(Path path) {
        try {
            java.nio.file.Files.createDirectories(path.getParent());
            java.nio.file.Files.writeString(path, "#!/bin/sh\n");
            return path.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Path profileDir() {
        return home.resolve(".bedrock-broker/profiles/default");
    }

    /**
     * A port for the login's loopback redirect, free now on 127.0.0.1 and ::1. Taken below Linux's ephemeral range
     * (32768-60999): a port the OS handed out for port 0 is released here and only bound later by the login, and in
     * between any server or connection on the machine could be given the same one (seen in CI: "all redirect ports
     * are in use"). Below that range only a program that asks for the number itself can take it.
     */
    static int freePort() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (bindable(port, "127.0.0.1") && bindable(port, "::1")) return port;
        }
        throw new IllegalStateException("no free port between 20000 and 32000 on the loopback addresses");
    }

    private static boolean bindable(int port, String address) {
        try (var socket = new ServerSocket(port, 1, java.net.InetAddress.getByName(address))) {
            return true;
        } catch (IOException e) {
            // ::1 missing (no IPv6) does not stop the login, which binds what it can.
            return e instanceof java.net.BindException && !e.getMessage().contains("in use");
        }
    }

    @Override
    public void close() {
        broker.stop();
        idp.shutdown();
    }

    static com.github.tomakehurst.wiremock.matching.StringValuePattern is(String value) {
        return equalTo(value);
    }
}
