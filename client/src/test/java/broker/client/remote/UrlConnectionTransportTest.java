package broker.client.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UrlConnectionTransportTest {
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static UrlConnectionTransport transport(Map<String, String> env) {
        return new UrlConnectionTransport(Duration.ofSeconds(5), ProxySettings.from(env));
    }

    @Test
    void send_httpUrlWithHttpProxy_goesThroughTheProxy() {
        // broker.invalid cannot be resolved: only the proxy (this WireMock) can answer.
        server.stubFor(get("/v1/client-config").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"x\"}")));

        Result<HttpReply> result = transport(Map.of("HTTP_PROXY", "http://127.0.0.1:" + server.port()))
                .send(HttpCall.get(URI.create("http://broker.invalid/v1/client-config"), Map.of("Accept", "application/json")));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            HttpReply reply = (HttpReply) ok.value();
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("{\"issuer\":\"x\"}");
            assertThat(reply.mediaType()).isEqualTo("application/json");
        });
        server.verify(getRequestedFor(urlPathEqualTo("/v1/client-config")));
    }

    @Test
    void send_hostInNoProxy_connectsDirectly() {
        Result<HttpReply> result = transport(Map.of("HTTP_PROXY", "http://127.0.0.1:" + server.port(),
                "NO_PROXY", "example.org,broker.invalid"))
                .send(HttpCall.get(URI.create("http://broker.invalid/v1/client-config"), Map.of()));

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isEqualTo(new ClientFailure.Unreachable("broker.invalid", ClientFailure.Network.DNS, "cannot resolve the host name")));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void send_httpsThroughAProxyThatRefusesConnect_tunnelsAndBlamesTheProxy() throws Exception {
        try (var proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> requestLine = CompletableFuture.supplyAsync(() -> refuseOneConnect(proxy));

            Result<HttpReply> result = transport(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.getLocalPort()))
                    .send(HttpCall.get(URI.create("https://broker.example.com/v1/client-config"), Map.of()));

            assertThat(requestLine.get(10, TimeUnit.SECONDS)).isEqualTo("CONNECT broker.example.com:443 HTTP/1.1");
            assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                    .isInstanceOfSatisfying(ClientFailure.Unreachable.class, u -> {
                        assertThat(u.cause()).isEqualTo(ClientFailure.Network.PROXY);
                        assertThat(u.message()).contains("403");
                    }));
        }
    }

    private static String refuseOneConnect(ServerSocket proxy) {
        try (Socket socket = proxy.accept()) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String first = in.readLine();
            for (String line = first; line != null && !line.isEmpty(); line = in.readLine()) {
                // skip the request headers
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return first;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void send_errorStatus_returnsTheErrorBodyAndLowerCaseHeaders() {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withHeader("Retry-After", "5")
                .withBody("{\"title\":\"Not entitled\",\"status\":403}")));

        Result<HttpReply> result = transport(Map.of()).send(HttpCall.post(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/credentials"), Map.of("Content-Type", "application/json"), "{}"));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            HttpReply reply = (HttpReply) ok.value();
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.body()).isEqualTo("{\"title\":\"Not entitled\",\"status\":403}");
            assertThat(reply.headers()).containsEntry("retry-after", List.of("5"));
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        });
    }

    @Test
    void send_postWhoseConnectionIsReset_isSentOnceAndFails() {
        // HttpURLConnection retries a failed POST once unless the body is streamed: an issuance must never be sent twice.
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Result<HttpReply> result = transport(Map.of()).send(HttpCall.post(
                URI.create("http://127.0.0.1:" + server.port() + "/v1/credentials"), Map.of(), "{}"));

        assertThat(result).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.Unreachable.class));
        server.verify(1, postRequestedFor(urlPathEqualTo("/v1/credentials")));
    }

    @Test
    void send_bodyInDeclaredCharset_isDecodedWithIt() {
        server.stubFor(get("/latin").willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                .withBody("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))));

        Result<HttpReply> result = transport(Map.of()).send(HttpCall.get(URI.create("http://127.0.0.1:" + server.port() + "/latin"), Map.of()));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class,
                ok -> assertThat(((HttpReply) ok.value()).body()).isEqualTo("caf\u00e9"));
    }

    @Test
    void constructor_zeroTimeout_isRejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new UrlConnectionTransport(Duration.ZERO, ProxySettings.from(Map.of())));
    }
}
