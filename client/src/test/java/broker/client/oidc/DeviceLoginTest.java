package broker.client.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.BrokerSettings;
import broker.client.core.ClientFailure;
import broker.client.core.OidcTokens;
import broker.client.core.Result;
import broker.client.remote.JdkHttpTransport;
import broker.client.remote.ProxySettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device grant against an issuer stub (mock-oauth2-server has no device endpoint): discovery and token answers
 * from WireMock, ID tokens signed by mock-oauth2-server and verified with its real JWKS.
 */
class DeviceLoginTest {
    private static final String CLIENT = "cli";

    private final MockOAuth2Server signer = new MockOAuth2Server();
    private final WireMockServer idp = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        signer.start();
        idp.start();
    }

    @AfterEach
    void stop() {
        idp.stop();
        signer.shutdown();
    }

    private String issuer() {
        return signer.issuerUrl("default").toString();
    }

    private void stubDiscovery(boolean device) {
        String base = "http://127.0.0.1:" + idp.port();
        idp.stubFor(get("/.well-known/openid-configuration").willReturn(okJson("{\"issuer\":\"" + issuer() + "\","
                + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                + "\"jwks_uri\":\"" + signer.jwksUrl("default") + "\""
                + (device ? ",\"device_authorization_endpoint\":\"" + base + "/device\"" : "") + "}")));
    }

    private Login login() {
        // The settings' issuer is the stub: discovery is fetched from it; ID tokens name mock-oauth2-server's issuer.
        var settings = new BrokerSettings(issuer(), CLIENT, List.of("openid", "offline_access"), List.of(), "", "", "");
        var http = new JdkHttpTransport(Duration.ofSeconds(10), ProxySettings.from(Map.of()));
        HttpTransportRedirect redirect = new HttpTransportRedirect(http, issuer(), "http://127.0.0.1:" + idp.port());
        return new Login(settings, redirect, uri -> false, new PrintStream(said, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), waits::add);
    }

    private String idToken() {
        return signer.issueToken("default", CLIENT, new DefaultOAuth2TokenCallback("default", "ana", "JWT",
                List.of(CLIENT), Map.of(), 3600)).serialize();
    }

    @Test
    void withDeviceCode_pollsUntilApprovedAndVerifiesTheIdToken() {
        stubDiscovery(true);
        idp.stubFor(post("/device").withRequestBody(containing("client_id=cli")).willReturn(okJson(
                "{\"device_code\":\"dev-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"https://idp/device\","
                        + "\"expires_in\":600,\"interval\":2}")));
        idp.stubFor(post("/token").inScenario("poll").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"authorization_pending\"}")).willSetStateTo("slow"));
        idp.stubFor(post("/token").inScenario("poll").whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"slow_down\"}")).willSetStateTo("approved"));
        idp.stubFor(post("/token").inScenario("poll").whenScenarioStateIs("approved")
                .withRequestBody(containing("device_code=dev-1"))
                .willReturn(okJson("{\"id_token\":\"" + idToken() + "\",\"refresh_token\":\"r-1\",\"expires_in\":3600}")));

        Result<OidcTokens> result = login().withDeviceCode();

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class, ok -> {
            var tokens = (OidcTokens) ok.value();
            assertThat(tokens.subject()).isEqualTo("ana");
            assertThat(tokens.refreshToken()).isEqualTo("r-1");
        });
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("https://idp/device").contains("WDJB-MJHT");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(7));
    }

    @Test
    void withDeviceCode_denied_failsWithASentence() {
        stubDiscovery(true);
        idp.stubFor(post("/device").willReturn(okJson(
                "{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_uri\":\"https://idp/device\",\"interval\":1}")));
        idp.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"access_denied\"}")));

        assertThat(login().withDeviceCode()).isEqualTo(Result.err(new ClientFailure.LoginFailed("the sign-in was denied")));
    }

    @Test
    void withDeviceCode_issuerWithoutDeviceEndpoint_suggestsNoBrowserLogin() {
        stubDiscovery(false);

        assertThat(login().withDeviceCode()).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.failure())
                .isInstanceOfSatisfying(ClientFailure.LoginFailed.class,
                        f -> assertThat(f.reason()).contains("--no-browser")));
    }
}
