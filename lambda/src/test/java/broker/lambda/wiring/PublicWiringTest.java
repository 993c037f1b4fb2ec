package broker.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.ApiRoutes;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.FoundationModelEntry;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.RegionCatalog;
import broker.lambda.http.PublicRoutes;
import broker.lambda.snapstart.CredentialsPriming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicWiringTest {
    static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String ENTITLEMENTS = """
            {"version":1,"default":{"models":["anthropic.claude-sonnet-4-5*","us.%s"],"regions":["us-east-1"]},
             "groups":{"developers":{"models":["us.%s"],"regions":["us-east-1"],"shortTermKeys":true}}}"""
            .formatted(HAIKU, SONNET);

    @TempDir
    Path dir;

    BrokerConfig config(Map<String, String> extra) throws Exception {
        Path file = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        Map<String, String> env = new HashMap<>(Map.of("BROKER_ROLE_ARN", "arn:aws:iam::123456789012:role/bedrock-users",
                "AWS_REGION", "us-east-1", "BROKER_ENTITLEMENTS_FILE", file.toString(),
                "BROKER_ISSUER", "https://idp.example.com", "BROKER_CLIENT_ID", "cli"));
        env.putAll(extra);
        return BrokerConfig.fromEnvironment(env);
    }

    static JsonNode models(PublicRoutes routes) throws Exception {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/v1/client-config").build();
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey(ApiRoutes.CLIENT_CONFIG.key())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r1").withHttp(http).build())
                .build();
        return new ObjectMapper().readTree(routes.handle(event).getBody()).get("models");
    }

    /** us-east-1 offering Sonnet and Haiku only through their us. profiles. */
    static ModelCatalog catalog() {
        List<String> destinations = List.of("us-east-1", "us-east-2", "us-west-2");
        List<InferenceProfileEntry> profiles = List.of(SONNET, HAIKU).stream()
                .map(model -> new InferenceProfileEntry("us." + model, "arn:aws:bedrock:us-east-1:123456789012:"
                        + "inference-profile/us." + model, "us." + model, true, true, destinations.stream()
                        .map(region -> "arn:aws:bedrock:" + region + "::foundation-model/" + model).toList()))
                .toList();
        List<FoundationModelEntry> models = List.of(SONNET, HAIKU).stream()
                .map(model -> new FoundationModelEntry(model, "arn:aws:bedrock:us-east-1::foundation-model/" + model,
                        model, "Anthropic", true, false, true))
                .toList();
        CatalogSnapshot snapshot = new CatalogSnapshot(Map.of("us-east-1", new RegionCatalog(models, profiles)),
                Instant.parse("2026-11-25T12:00:00Z"));
        return () -> Optional.of(snapshot);
    }

    @Test
    void publicRoutes_withTheCatalog_recommendWhatTheDefaultProfileResolvesTo() throws Exception {
        JsonNode models = models(CredentialsWiring.publicRoutes(config(Map.of()), catalog()));

        assertThat(models.get("primary").asText()).isEqualTo("us." + SONNET);
        assertThat(models.get("fast").asText()).isEqualTo("us." + HAIKU);
    }

    @Test
    void publicRoutes_configuredExactPrimary_comesBeforeThePreferredFamilies() throws Exception {
        JsonNode models = models(CredentialsWiring.publicRoutes(config(Map.of("BROKER_PRIMARY_MODEL", "us." + HAIKU)), catalog()));

        assertThat(models.get("primary").asText()).isEqualTo("us." + HAIKU);
    }

    @Test
    void publicRoutes_withoutTheCatalog_recommendFromTheDefaultProfilesExactIds() throws Exception {
        JsonNode models = models(CredentialsWiring.publicRoutes(config(Map.of()), ModelCatalog.NONE));

        assertThat(models.get("primary").asText()).isEmpty();
        assertThat(models.get("fast").asText()).isEqualTo("us." + HAIKU);
    }

    @Test
    void publicFunction_withTheCatalogOff_servesTheStaticRecommendation() throws Exception {
        var function = CredentialsWiring.publicFunction(config(Map.of("BROKER_MODEL_CATALOG", "off")), null);

        function.afterRestore().run();

        assertThat(models(function.routes()).get("fast").asText()).isEqualTo("us." + HAIKU);
    }

    @Test
    void primePublic_runsEveryPublicRoute() throws Exception {
        assertThat(CredentialsPriming.publicFunction(config(Map.of())).run()).containsExactly(200, 200, 200);
    }

    @Test
    void primePublic_withTheCatalogOff_runsEveryPublicRouteToo() throws Exception {
        assertThat(CredentialsPriming.publicFunction(config(Map.of("BROKER_MODEL_CATALOG", "off"))).run()).containsExactly(200, 200, 200);
    }
}
