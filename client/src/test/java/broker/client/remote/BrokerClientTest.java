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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /** Both transports must behave the same: the default ({@link UrlConnectionTransport}) and java.net.http's. */
    enum Transport {
        URL_CONNECTION, JDK_HTTP_CLIENT;

        HttpTransport create(Duration timeout) {
            return this == URL_CONNECTION ? new UrlConnectionTransport(timeout, ProxySettings.from(Map.of()))
                    : new JdkHttpTransport(timeout, ProxySettings.from(Map.of()));
        }
    }

    private BrokerClient client(Transport transport, Duration timeout) {
        return new BrokerClient(URI.create("http://127.0.0.1:" + server.port()), transport.create(timeout), "test");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void credentials_readsTheAnswerAndTheBrokersClock(Transport transport) {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withHeader("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
                .withBody("{\"accessKeyId\":\"ASIA1\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\","
                        + "\"expiration\":\"2026-11-25T13:00:00Z\",\"region\":\"us-east-1\"}")));

        Result<Issued<AwsCredentials>> result = client(transport, Duration.ofSeconds(5)).credentials(0, null).issue("id.token.x");

        assertThat(result).isEqualTo(Result.ok(new Issued<>(new AwsCredentials("ASIA1", "s", "t", "2026-11-25T13:00:00Z",
                "us-east-1"), Instant.parse("2026-11-25T13:00:00Z"), Instant.parse("2026-11-25T12:00:00Z"))));
        server.verify(postRequestedFor(urlPathEqualTo("/v1/credentials")).withRequestBody(equalToJson("{}"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer id.token.x")));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void credentials_withDurationAndRegion_sendsThem(Transport transport) {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withStatus(500)));

        client(transport, Duration.ofSeconds(5)).credentials(3600, "us-west-2").issue("t");

        server.verify(postRequestedFor(urlPathEqualTo("/v1/credentials"))
                .withRequestBody(equalToJson("{\"durationSeconds\":3600,\"region\":\"us-west-2\"}")));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void credentials_answerWithoutSessionToken_isInvalidResponse(Transport transport) {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\",\"expiration\":\"2026-11-25T13:00:00Z\"}")));

        assertThat(client(transport, Duration.ofSeconds(5)).credentials(0, null).issue("t")).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOf(ClientFailure.InvalidResponse.class));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void credentials_slowBroker_timesOut(Transport transport) {
        server.stubFor(post("/v1/credentials").willReturn(aResponse().withFixedDelay(3000)));

        assertThat(client(transport, Duration.ofMillis(500)).credentials(0, null).issue("t")).isInstanceOfSatisfying(Result.Err.class,
                err -> assertThat(err.failure()).isInstanceOfSatisfying(ClientFailure.Unreachable.class,
                        u -> assertThat(u.cause()).isEqualTo(ClientFailure.Network.TIMEOUT)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void credentials_nothingListening_isConnectionFailure(Transport transport) {
        int port = server.port();
        server.stop();

        var result = new BrokerClient(URI.create("http://127.0.0.1:" + port),
                transport.create(Duration.ofSeconds(5)), "test").credentials(0, null).issue("t");

        assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.Unreachable.class,
                        u -> assertThat(u.cause()).isEqualTo(ClientFailure.Network.CONNECTION)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientConfig_overTlsWithAnUntrustedCertificate_isTlsFailure(Transport transport) {
        var tls = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1"));
        tls.start();
        try {
            var result = new BrokerClient(URI.create("https://127.0.0.1:" + tls.httpsPort()),
                    transport.create(Duration.ofSeconds(5)), "test").clientConfig();

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
    void failure_403FromTheLambdaAuthorizer_isTokenRejected_butTheBrokers403ProblemIsNot() {
        var gateway = new HttpReply(403, Map.of("content-type", java.util.List.of("application/json")),
                "{\"message\":\"Forbidden\"}");
        var problem = new HttpReply(403, Map.of("content-type", java.util.List.of("application/problem+json")),
                "{\"type\":\"https://bedrock-broker.dev/problems/not-entitled\",\"title\":\"Not entitled\",\"status\":403}");

        assertThat(BrokerClient.failure(gateway)).isEqualTo(new ClientFailure.TokenRejected(null));
        assertThat(BrokerClient.failure(problem)).isInstanceOf(ClientFailure.Refused.class);
    }

    @Test
    void failure_htmlFromAProxy_isRefusedWithTheStatus() {
        var reply = new HttpReply(403, Map.of("content-type", java.util.List.of("text/html")), "<html>blocked</html>");

        assertThat(BrokerClient.failure(reply)).isEqualTo(new ClientFailure.Refused(403, null, "HTTP 403", null));
    }
}
