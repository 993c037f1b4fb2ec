package broker.bench.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * STS and the Bedrock control plane on loopback, answering at once: every {@code AssumeRole} with the real
 * Query-protocol XML, and the model catalog's {@code GET /foundation-models} and {@code GET /inference-profiles} with
 * the real REST-JSON bodies (the bench's entitlements' models, in the region the request was signed for).
 */
public final class StsStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    private StsStub(HttpServer server) {
        this.server = server;
    }

    public static StsStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        var stub = new StsStub(server);
        server.createContext("/", stub::answer);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sts-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return stub;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The {@code AssumeRole} calls answered (catalog reads not counted). */
    public int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/foundation-models") || path.startsWith("/inference-profiles")) {
            String region = signedRegion(exchange);
            send(exchange, "application/json", path.startsWith("/foundation-models")
                    ? BedrockCatalogAnswers.foundationModels(region) : BedrockCatalogAnswers.inferenceProfiles(region));
            return;
        }
        calls.incrementAndGet();
        String expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <SourceIdentity>alice@example.com</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-users/alice</Arn>
                      <AssumedRoleId>AROA123EXAMPLE123:alice</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
                      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                      <SessionToken>FwoGZXIvYXdzEXAMPLESESSIONTOKEN</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""".formatted(expiration);
        send(exchange, "text/xml", body);
    }

    private static void send(HttpExchange exchange, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The region of the request's SigV4 credential scope ({@code Credential=AKID/date/region/service/...}). */
    private static String signedRegion(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            String[] scope = authorization.replaceFirst(".*Credential=", "").split("[/,]");
            if (scope.length > 2) return scope[2];
        }
        return "us-east-1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
