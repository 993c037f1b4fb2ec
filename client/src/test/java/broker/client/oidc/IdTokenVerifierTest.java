package broker.client.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ClientFailure;
import broker.client.core.Result;
import broker.client.remote.JdkHttpTransport;
import broker.client.remote.ProxySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {
    private final MockOAuth2Server idp = new MockOAuth2Server();
    private final JdkHttpTransport http = new JdkHttpTransport(Duration.ofSeconds(10), ProxySettings.from(Map.of()));
    private OidcMetadata metadata;

    @BeforeEach
    void start() {
        idp.start();
        metadata = ((Result.Ok<OidcMetadata>) OidcMetadata.discover(idp.issuerUrl("default").toString(), http)).value();
    }

    @AfterEach
    void stop() {
        idp.shutdown();
    }

    private String token(String audience, Map<String, Object> claims, long expirySeconds) {
        return idp.issueToken("default", audience, new DefaultOAuth2TokenCallback("default", "ana", "JWT",
                List.of(audience), claims, expirySeconds)).serialize();
    }

    private static String reason(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Err.class);
        return ((ClientFailure.LoginFailed) ((Result.Err<?>) result).failure()).reason();
    }

    @Test
    void verify_validTokenWithMatchingNonce_returnsSubject() {
        var result = new IdTokenVerifier(http).verify(token("cli", Map.of("nonce", "n-1"), 3600), metadata, "cli", "n-1");

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class,
                ok -> assertThat(((IdTokenVerifier.Verified) ok.value()).subject()).isEqualTo("ana"));
    }

    @Test
    void verify_tokenForAnotherClient_isRejected() {
        assertThat(reason(new IdTokenVerifier(http).verify(token("other", Map.of(), 3600), metadata, "cli", null)))
                .contains("aud");
    }

    @Test
    void verify_wrongNonce_isRejected() {
        assertThat(reason(new IdTokenVerifier(http).verify(token("cli", Map.of("nonce", "x"), 3600), metadata, "cli", "n-1")))
                .contains("nonce");
    }

    @Test
    void verify_expiredToken_isRejected() {
        assertThat(reason(new IdTokenVerifier(http).verify(token("cli", Map.of(), -600), metadata, "cli", null)))
                .containsIgnoringCase("expired");
    }

    @Test
    void verify_tamperedSignature_isRejected() {
        String valid = token("cli", Map.of(), 3600);
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(reason(new IdTokenVerifier(http).verify(tampered, metadata, "cli", null))).containsIgnoringCase("signature");
    }
}
