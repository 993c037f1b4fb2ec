package broker.client.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.AwsCredentials;
import broker.client.core.ClientFailure;
import broker.client.core.Issued;
import broker.client.core.Result;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokerClientTest {
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private BrokerClient client(Duration timeout) {
        return new BrokerClient(URI.create("http://127.0.0.1:" + server.port()),
                new JdkHttpTransport(timeout, ProxySettings.from(Map.of())), "test");
    }

    @Test
    void credentials_readsTheAnswerAndTheBrokersClock() {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withHeader("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
                .withBody("{\"accessKeyId\":\"ASIA1\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\","
                        + "\"expiration\":\"2026-11-25T13:00:00Z\",\"region\":\"us-east-1\"}")));

        Result<Issued<AwsCredentials>> result = client(Duration.ofSeconds(5)).credentials(0, null).issue("id.token.x");

        assertThat(result).isEqualTo(Result.ok(new Issued<>(new AwsCredentials("ASIA1", "s", "t", "2026-11-25T13:00:00Z",
                "us-east-1"), Instant.parse("2026-11-25T13:00:00Z"), Instant.parse("2026-11-25T12:00:00Z"))));
        server.verify(postRequestedFor(urlPathEqualTo("/v1/credentials")).withRequestBody(equalToJson("{}"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer id.token.x")));
    }

    @Test
    void credentials_withDurationAndRegion_sendsThem() {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(500)));

        client(Duration.ofSeconds(5)).credentials(3600, "us-west-2").issue("t");

        server.verify(postRequestedFor(urlPathEqualTo("/v1/credentials"))
                .withRequestBody(equalToJson("{\"durationSeconds\":3600,\"region\":\"us-west-2\"}")));
    }

    @Test
    void credentials_answerWithoutSessionToken_isInvalidResponse() {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\",\"expiration\":\"2026-11-25T13:00:00Z\"}")));

        assertThat(client(Duration.ofSeconds(5)).credentials(0, null).issue("t")).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.InvalidResponse.class));
    }

    @Test
    void credentials_slowBroker_timesOut() {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withFixedDelay(3000)));

        assertThat(client(Duration.ofMillis(500)).credentials(0, null).issue("t")).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOfSatisfying(ClientFailure.Unreachable.class,
                        u -> assertThat(u.cause()).isEqualTo(ClientFailure.Network.TIMEOUT)));
    }

    @Test
    void credentials_nothingListening_isConnectionFailure() {
        int port = server.port();
        server.stop();

        var result = new BrokerClient(URI.create("http://127.0.0.1:" + port),
                new JdkHttpTransport(Duration.ofSeconds(5), ProxySettings.from(Map.of())), "test").credentials(0, null).issue("t");

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.Unreachable.class,
                        u -> assertThat(u.cause()).isEqualTo(ClientFailure.Network.CONNECTION)));
    }

    @Test
    void clientConfig_overTlsWithAnUntrustedCertificate_isTlsFailure() {
        var tls = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1"));
        tls.start();
        try {
            var result = new BrokerClient(URI.create("https://127.0.0.1:" + tls.httpsPort()),
                    new JdkHttpTransport(Duration.ofSeconds(5), ProxySettings.from(Map.of())), "test").clientConfig();

            assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                    .isInstanceOfSatisfying(ClientFailure.Unreachable.class,
                            u -> assertThat(u.cause()).isEqualTo(ClientFailure.Network.TLS)));
        } finally {
            tls.stop();
        }
    }

    @Test
    void failure_problemJson503_isUnavailableWithRetryAfter() {
        var reply = new HttpReply(503, Map.of("content-type", java.util.List.of("application/problem+json"),
                "retry-after", java.util.List.of("30")), "{\"title\":\"STS unavailable\",\"status\":503}");

        assertThat(BrokerClient.failure(reply)).isEqualTo(new ClientFailure.Unavailable("the broker", 503,
                Duration.ofSeconds(30), "STS unavailable"));
    }

    @Test
    void failure_401_isTokenRejected() {
        var reply = new HttpReply(401, Map.of("content-type", java.util.List.of("application/json")),
                "{\"message\":\"Unauthorized\"}");

        assertThat(BrokerClient.failure(reply)).isEqualTo(new ClientFailure.TokenRejected(null));
    }

    @Test
    void failure_htmlFromAProxy_isRefusedWithTheStatus() {
        var reply = new HttpReply(403, Map.of("content-type", java.util.List.of("text/html")), "<html>blocked</html>");

        assertThat(BrokerClient.failure(reply)).isEqualTo(new ClientFailure.Refused(403, null, "HTTP 403", null));
    }
}
