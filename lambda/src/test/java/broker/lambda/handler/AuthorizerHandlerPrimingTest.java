package broker.lambda.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.authorizer.IssuersAuthorizer;
import broker.lambda.authorizer.LambdaAuthorization;
import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.snapstart.PrimingPlan;
import broker.lambda.testing.JsonLogCapture;
import broker.lambda.wiring.BrokerConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart priming of the Lambda authorizer: the real decision verifies a token of an in-process issuer, the
 * configured issuer (a WireMock) hears nothing, and nothing primed accepts a token after restore, not even one signed
 * with priming's own key.
 */
class AuthorizerHandlerPrimingTest {
    static final String PRIMING_ISSUER = "https://snapstart-priming.invalid";
    static final String CLI = "bedrock-broker-cli";

    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");

    WireMockServer issuer;
    RSAKey issuerKey;
    RSAKey primingKey;
    Map<String, String> env;
    final List<String> refusals = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        issuer = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        issuer.start();
        String iss = "http://127.0.0.1:" + issuer.port();
        issuerKey = new RSAKeyGenerator(2048).keyID("real").generate();
        // The same kid as priming's key: only the key itself tells them apart.
        primingKey = new RSAKeyGenerator(2048).keyID("snapstart-priming").generate();
        issuer.stubFor(get(urlEqualTo("/.well-known/openid-configuration"))
                .willReturn(okJson("{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/jwks\"}")));
        issuer.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(new JWKSet(issuerKey.toPublicJWK()).toString(true))));
        env = Map.of(BrokerEnv.ISSUER, iss, BrokerEnv.CLIENT_ID, CLI);
    }

    @AfterEach
    void stop() {
        issuer.stop();
    }

    @Test
    void priming_verifiesInProcess_sendsNothingOut_andLeavesNothingThatAcceptsAPrimingToken() throws Exception {
        List<Integer> outcomes = new ArrayList<>();
        AuthorizerHandler handler = new AuthorizerHandler(new LambdaAuthorization(
                new IssuersAuthorizer(BrokerConfig.trustedIssuers(env)), refusals::add),
                () -> recording(CredentialsPriming.authorizer(AuthorizerHandler::handling, primingKey), outcomes));

        handler.beforeCheckpoint(null);
        handler.afterRestore(null);

        assertThat(outcomes).as("accepted, then refused for its audience").containsExactly(200, 401);
        assertThat(issuer.getAllServeEvents()).as("requests outside the process").isEmpty();
        assertThat(refusals).as("the function's own refusals").isEmpty();
        ObjectMapper json = new ObjectMapper();
        assertThat(logs.lines()).filteredOn(line -> line.contains("token refused")).singleElement()
                .satisfies(line -> assertThat(json.readTree(line).get("message").asText())
                        .startsWith("SnapStart priming, not a real request: token refused: aud"));

        String iss = env.get(BrokerEnv.ISSUER);
        assertThat(handler.handleRequest(event(token(primingKey, PRIMING_ISSUER, "snapstart-priming")), null))
                .as("priming's own token").containsExactly(Map.entry(LambdaAuthorization.IS_AUTHORIZED, false));
        assertThat(handler.handleRequest(event(token(primingKey, iss, CLI)), null))
                .as("priming's key, the configured issuer's claims").containsExactly(Map.entry(LambdaAuthorization.IS_AUTHORIZED, false));
        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0)).contains("not a configured issuer");
        assertThat(refusals.get(1)).contains("signature not verified");
        assertThat(handler.handleRequest(event(token(issuerKey, iss, CLI)), null))
                .as("the configured issuer's token").containsEntry(LambdaAuthorization.IS_AUTHORIZED, true);
    }

    @Test
    void priming_withItsOwnKey_acceptsThenRefuses() {
        List<Integer> outcomes = CredentialsPriming.authorizer(AuthorizerHandler::handling).run();

        assertThat(outcomes).containsExactly(200, 401);
    }

    private static PrimingPlan recording(PrimingPlan plan, List<Integer> outcomes) {
        return new PrimingPlan(plan.sends().stream().<IntSupplier>map(send -> () -> {
            int outcome = send.getAsInt();
            outcomes.add(outcome);
            return outcome;
        }).toList(), plan.clients());
    }

    private static String token(RSAKey key, String iss, String audience) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(iss).audience(audience).subject("snapstart-priming-user")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, Object> event(String token) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("headers", Map.of("authorization", "Bearer " + token));
        return event;
    }
}
