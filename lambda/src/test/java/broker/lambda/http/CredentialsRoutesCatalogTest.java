package broker.lambda.http;

import static broker.lambda.core.catalog.Catalogs.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credentials routes with a model catalog: the audit line says where the policy came from; admins see warnings. */
class CredentialsRoutesCatalogTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["us.%s","anthropic.claude-opus-9*"],"regions":["us-east-1","us-west-2"],
                                     "shortTermKeys":true}},
             "adminGroups":["bedrock-admins"]}
            """.formatted(SONNET);
    static final ModelCatalog CATALOG = () -> Optional.of(
            Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-west-2")));
    static final ObjectMapper JSON = new ObjectMapper();

    final List<AuditEvent> audit = new ArrayList<>();
    final List<String> policies = new ArrayList<>();

    @Test
    void credentials_withTrustedCatalog_auditsPolicySourceCatalog() throws Exception {
        var response = handle(event("credentials.json"), CATALOG);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(audit).singleElement().extracting(AuditEvent::policySource).isEqualTo("catalog");
        assertThat(policies.getFirst()).contains("arn:aws:bedrock:us-east-2::foundation-model/" + SONNET);
    }

    @Test
    void credentials_whenTheCatalogIsUnavailable_auditsPolicySourceStatic() throws Exception {
        var response = handle(event("credentials.json"), ModelCatalog.NONE);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(audit).singleElement().extracting(AuditEvent::policySource).isEqualTo("static");
        assertThat(policies.getFirst()).contains("arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void bearerTokens_withTrustedCatalog_auditsPolicySourceCatalog() throws Exception {
        handle(event("bearer-tokens.json"), CATALOG);

        assertThat(audit).singleElement().extracting(AuditEvent::policySource).isEqualTo("catalog");
    }

    @Test
    void me_asAdmin_listsTheEntriesTheCatalogShowsToBeOfNoUse() throws Exception {
        var response = handle(asGroups(event("me.json"), "[developers bedrock-admins]"), CATALOG);

        JsonNode warnings = JSON.readTree(response.getBody()).get("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("path").asText()).isEqualTo("$.groups.developers.models[1]");
        assertThat(warnings.get(0).get("model").asText()).isEqualTo("anthropic.claude-opus-9*");
        assertThat(warnings.get(0).get("message").asText()).contains("us-east-1, us-west-2");
    }

    @Test
    void me_asAdminWithoutCatalog_saysTheCatalogIsNotAvailable() throws Exception {
        var response = handle(asGroups(event("me.json"), "[bedrock-admins]"), ModelCatalog.NONE);

        JsonNode warnings = JSON.readTree(response.getBody()).get("warnings");
        assertThat(warnings).singleElement().satisfies(w ->
                assertThat(w.get("message").asText()).startsWith("The model catalog is not available"));
    }

    @Test
    void me_asNonAdmin_carriesNoWarnings() throws Exception {
        var response = handle(event("me.json"), CATALOG);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody()).has("warnings")).isFalse();
    }

    @Test
    void models_withTrustedCatalog_listsTheUsableModelsWithTheIdToInvokeAndRecommendations() throws Exception {
        var response = handle(event("models.json"), CATALOG);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("source").asText()).isEqualTo("catalog");
        assertThat(body.get("catalogFetchedAt").asText()).isEqualTo(Catalogs.FETCHED.toString());
        assertThat(body.get("models")).singleElement().satisfies(model -> {
            assertThat(model.get("id").asText()).isEqualTo("us." + SONNET);
            assertThat(model.get("foundationModel").asText()).isEqualTo(SONNET);
            assertThat(model.get("name").asText()).isEqualTo("Claude Sonnet 4.5");
            assertThat(model.get("streaming").asBoolean()).isTrue();
            assertThat(model.get("regions")).extracting(JsonNode::asText).containsExactly("us-east-1", "us-west-2");
        });
        assertThat(body.at("/recommended/primary").asText()).isEqualTo("us." + SONNET);
        assertThat(body.at("/recommended").has("fast")).isFalse();
        assertThat(audit).isEmpty();
    }

    @Test
    void models_withoutCatalog_listsTheExactIdsOfTheEntitlement() throws Exception {
        var response = handle(event("models.json"), ModelCatalog.NONE);

        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("source").asText()).isEqualTo("entitlements");
        assertThat(body.get("models")).extracting(m -> m.get("id").asText()).containsExactly("us." + SONNET);
        assertThat(body.get("models").get(0).has("name")).isFalse();
    }

    @Test
    void models_withoutAnyProfile_answers403AndAuditsTheRefusal() throws Exception {
        var response = handle(asGroups(event("models.json"), "[staff]"), CATALOG);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("models");
            assertThat(e.reason()).isEqualTo("not-entitled");
        });
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, ModelCatalog catalog) throws Exception {
        CredentialIssuer issuer = command -> {
            policies.add(command.policy());
            return new StsOutcome.Assumed(new SessionCredentials("ASIAEXAMPLEKEY", "secret-example", "token-example",
                    NOW.plus(command.duration())));
        };
        AuditLog log = new AuditLog() {
            @Override public void record(AuditEvent event) { audit.add(event); }
            @Override public void upstreamLatency(String service, Duration latency) {}
        };
        BrokerConfig config = new BrokerConfig("arn:aws:iam::123456789012:role/bedrock-broker-users", "us-east-1",
                EntitlementsDocument.parse(ENTITLEMENTS), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "broker-cli", BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, "", ""), null, null);
        return CredentialsWiring.credentialsRoutes(config,
                CredentialsPorts.of(issuer, log, Clock.fixed(NOW, ZoneOffset.UTC)).withCatalog(catalog)).handle(event);
    }

    private static APIGatewayV2HTTPEvent asGroups(APIGatewayV2HTTPEvent event, String groups) {
        var claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("groups", groups);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }
}
