package broker.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.http.CredentialsRoutes;
import broker.lambda.testing.JsonLogCapture;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every log line the broker writes while issuing and refusing, through the real JSON layout: no secret in any. */
class LogSecretsTest {
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEPSESSIONTOKEN";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final JsonLogCapture logs = new JsonLogCapture("broker");
    final List<String> lines = logs.lines();
    final AtomicReference<StsOutcome> next = new AtomicReference<>();

    @Test
    void issuanceAndRefusals_logNoSecretAndOneAuditLineEach() throws Exception {
        CredentialsRoutes routes = routes();
        List<String> answers = new ArrayList<>();

        next.set(assumed());
        answers.add(routes.handle(event("credentials.json")).getBody());
        next.set(assumed());
        answers.add(routes.handle(event("bearer-tokens.json")).getBody());
        next.set(new StsOutcome.Throttled(Duration.ofSeconds(1)));
        answers.add(routes.handle(event("credentials.json")).getBody());
        var bad = event("credentials.json");
        bad.setBody("{\"durationSeconds\":99999}");
        answers.add(routes.handle(bad).getBody());
        next.set(null); // the issuer throws: the last-resort catch logs the failure
        answers.add(routes.handle(event("credentials.json")).getBody());

        String token = JSON.readTree(answers.get(1)).get("token").asText();
        assertThat(token).startsWith("bedrock-api-key-");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(SECRET_KEY, SESSION_TOKEN, token, token.substring("bedrock-api-key-".length(), 40)));
        List<JsonNode> audits = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.path("audit").asBoolean()) audits.add(node);
        }
        assertThat(audits).extracting(n -> n.get("action").asText() + ":" + n.get("outcome").asText())
                .containsExactly("credentials:issued", "bearer-token:issued", "credentials:refused", "credentials:refused");
        assertThat(audits.getFirst().get("accessKeyId").asText()).isEqualTo("ASIAEXAMPLEKEY");
        assertThat(audits.getFirst().get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(audits.get(2).get("reason").asText()).isEqualTo("throttled");
    }

    StsOutcome assumed() {
        return new StsOutcome.Assumed(new SessionCredentials("ASIAEXAMPLEKEY", SECRET_KEY, SESSION_TOKEN,
                Instant.now().plusSeconds(3600)));
    }

    CredentialsRoutes routes() throws Exception {
        CredentialIssuer issuer = command -> {
            StsOutcome outcome = next.get();
            if (outcome == null) throw new IllegalStateException("simulated bug");
            return outcome;
        };
        var config = new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-broker-users", "us-east-1",
                EntitlementsDocument.parse("""
                        {"version":1,"groups":{"developers":{"models":["anthropic.claude-haiku-4-5-20251001-v1:0"],
                         "regions":["us-east-1","us-west-2"],"shortTermKeys":true}}}"""),
                IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "cli", List.of("openid"), List.of(53682), "", ""),
                null, null);
        var audit = new PowertoolsAuditLog(software.amazon.lambda.powertools.metrics.MetricsBuilder.builder()
                .withNamespace("BedrockBrokerTest").withService("test").build(), "BedrockBrokerTest");
        return CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(Timed.sts(issuer, audit), audit, Clock.systemUTC()));
    }

    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }
}
