package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The local broker as the reliability suites attack, load and break it: every route on (API-key and admin routes
 * included), an issuer whose JWKS can go down ({@link FakeIssuer}), STS on WireMock, and a stateful IAM on WireMock
 * ({@link FakeIam}). Requests go over raw sockets, so that malformed headers reach the server exactly as written.
 */
final class BrokerUnderTest implements AutoCloseable {
    static final String AUDIENCE = "bedrock-broker-cli";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-broker-users";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";
    static final String MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String KID = "issuer-key-1";
    /** What WireMock STS hands out; the suites check that none of it leaks into logs or problem bodies. */
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzRELIABLEKEY";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzRELIABILITYSESSIONTOKENEXAMPLE";
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["%s"],"regions":["us-east-1","us-west-2"],"maxSessionSeconds":3600,
                                     "shortTermKeys":true,
                                     "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":7,"maxKeys":2}}},
             "adminGroups":["bedrock-admins"]}""".formatted(MODEL);

    /** Every route that needs a token, with a request the route would accept from a developer or an admin. */
    static final List<Call> AUTHENTICATED_ROUTES = List.of(
            new Call("GET", "/v1/me", null),
            new Call("POST", "/v1/credentials", "{}"),
            new Call("POST", "/v1/bearer-tokens", "{}"),
            new Call("POST", "/v1/api-keys", "{}"),
            new Call("GET", "/v1/api-keys", null),
            new Call("DELETE", "/v1/api-keys/ACCAFAKEIAM0000000001", null),
            new Call("GET", "/v1/admin/users/alice/api-keys", null),
            new Call("DELETE", "/v1/admin/users/alice/api-keys/ACCAFAKEIAM0000000001", null),
            new Call("POST", "/v1/admin/users/alice/revoke-sessions", null));

    /** One request line and body. */
    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** An HTTP answer as read off the socket; header names in lower case. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    final FakeIssuer issuer;
    final RSAKey key = FakeIssuer.rsaKey(KID);
    final WireMockServer sts;
    final FakeIam iam = new FakeIam(Instant::now);
    final WireMockServer iamServer;
    RunningBroker broker;
    private final BrokerConfig config;
    private final LocalBrokerOptions options;
    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();

    BrokerUnderTest() throws Exception {
        this(false);
    }

    /**
     * @param underLoad keep no request journal and no server log, so that memory stays flat under load (request
     *                  counts are then unavailable)
     */
    BrokerUnderTest(boolean underLoad) throws Exception {
        this(underLoad, null);
    }

    /** A broker keeping its state in {@code stateDir} (null: in memory), so that {@link #restart()} can show it kept. */
    BrokerUnderTest(boolean underLoad, java.nio.file.Path stateDir) throws Exception {
        var stsConfig = wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(80);
        var iamConfig = wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(iam);
        if (underLoad) {
            stsConfig.disableRequestJournal();
            iamConfig.disableRequestJournal();
        }
        sts = new WireMockServer(stsConfig);
        iamServer = new WireMockServer(iamConfig);
        issuer = new FakeIssuer();
        issuer.publish(key);
        sts.start();
        iamServer.start();
        stubStsIssues();
        iamServer.stubFor(post(urlEqualTo("/")).atPriority(10).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        config = new BrokerConfig(ROLE_ARN, "us-east-1", EntitlementsDocument.parse(ENTITLEMENTS),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(issuer.issuer(), AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, MODEL, MODEL),
                URI.create(sts.baseUrl()), URI.create(iamServer.baseUrl()), BrokerEnv.DEFAULT_IAM_USER_PATH, BOUNDARY);
        options = new LocalBrokerOptions(0, List.of(AUDIENCE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDRELIABILITY", "broker-own-secret")),
                underLoad ? new PrintStream(OutputStream.nullOutputStream())
                        : new PrintStream(serverLog, true, StandardCharsets.UTF_8), Cors.NONE, stateDir);
        broker = LocalBroker.start(config, options);
    }

    /** Stops the broker and starts it again with the same settings (and state directory), as an operator would. */
    void restart() throws IOException {
        broker.close();
        broker = LocalBroker.start(config, options);
    }

    /** STS answers every AssumeRole with credentials valid for an hour. */
    void stubStsIssues() {
        sts.resetAll();
        sts.stubFor(post(urlEqualTo("/")).willReturn(assumeRoleAnswer()));
    }

    static ResponseDefinitionBuilder assumeRoleAnswer() {
        String expiration = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <SourceIdentity>alice</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-broker-users/alice</Arn>
                      <AssumedRoleId>ARO123EXAMPLE123:alice</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIARELIABILITYEXAMPLE</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""".formatted(SECRET_ACCESS_KEY, SESSION_TOKEN, expiration));
    }

    /** An AWS Query-protocol error answer, as STS and IAM send them. */
    static ResponseDefinitionBuilder awsError(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>%s</Type><Code>%s</Code><Message>%s happened</Message></Error>
                  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                </ErrorResponse>""".formatted(status >= 500 ? "Receiver" : "Sender", code, code));
    }

    int stsCalls() {
        return sts.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    int iamCalls() {
        return iamServer.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    /** The claims of a valid developer token; tests change one thing. */
    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject("alice")
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("email", "alice@example.com").claim("email_verified", true)
                .claim("groups", List.of("developers", "bedrock-admins"));
    }

    /** A valid developer (and admin) token signed with the published key. */
    String token() {
        return FakeIssuer.sign(key, claims().build());
    }

    /** The server's own log (request lines, authorizer refusals, handler failures) so far. */
    String serverLog() {
        synchronized (serverLog) {
            return serverLog.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code call} with the given raw {@code Authorization} header values (none when empty). */
    Answer send(Call call, List<String> authorization) throws IOException {
        return send(call.method(), call.path(), authorization, call.body());
    }

    Answer send(String method, String path, List<String> authorization, String body) throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(broker.port()).append("\r\n")
                .append("User-Agent: reliability-suite\r\n")
                .append("Connection: close\r\n");
        for (String value : authorization) request.append("Authorization: ").append(value).append("\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) request.append("Content-Type: application/json\r\n");
        request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new IllegalStateException("no HTTP answer: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        // The local server always answers with a Content-Length (never chunked), and the socket closes after it.
        return new Answer(status, headers, text.substring(end + 4));
    }

    @Override
    public void close() {
        broker.close();
        sts.stop();
        iamServer.stop();
        issuer.close();
    }
}
