package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.ApiRoutes;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicRoutesTest {
    static final ObjectMapper JSON = Json.mapper();
    static final String ISSUER = "http://127.0.0.1:8180/default";
    static final PublicRoutes ROUTES = new PublicRoutes(
            new PublicRoutes.ClientConfigView(ISSUER, "cli", List.of("openid"), List.of(53682), "us-east-1",
                    new PublicRoutes.ClientConfigView.Models("", ""), "portal"),
            OpenApiDocument.render(JSON, ISSUER), PortalAssets.load(ISSUER), new Responses(JSON));

    static APIGatewayV2HTTPResponse get(String routeKey, Map<String, String> pathParameters) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/").build();
        return ROUTES.handle(APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r1").withHttp(http).build())
                .build());
    }

    @Test
    void openApi_answersTheRenderedDocument_cacheableForFiveMinutes() throws Exception {
        var response = get(ApiRoutes.OPENAPI.key(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "public, max-age=300");
        assertThat(JSON.readTree(response.getBody()).at("/components/securitySchemes/oidc/openIdConnectUrl").asText())
                .isEqualTo(ISSUER + "/.well-known/openid-configuration");
    }

    @Test
    void clientConfig_publishesThePortalClientId_andOmitsItWhenThereIsNone() throws Exception {
        assertThat(JSON.readTree(get(ApiRoutes.CLIENT_CONFIG.key(), null).getBody()).path("portalClientId").asText())
                .isEqualTo("portal");
        String without = JSON.writeValueAsString(new PublicRoutes.ClientConfigView(ISSUER, "cli", List.of(), List.of(),
                "us-east-1", new PublicRoutes.ClientConfigView.Models("", "")));
        assertThat(without).doesNotContain("portalClientId");
    }

    @Test
    void portal_servesThePageWithAStrictContentSecurityPolicy() {
        var response = get(ApiRoutes.PORTAL.key(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(response.getHeaders().get("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                        "connect-src 'self' https: http://127.0.0.1:8180")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.getHeaders()).containsEntry("Referrer-Policy", "no-referrer");
        assertThat(response.getBody()).contains("<script src=\"/portal/portal.js\" defer></script>")
                .doesNotContain("<script>", "http://", "https://cdn");
    }

    @Test
    void portalAsset_servesTheScriptAndStyles_andNothingElse() {
        assertThat(get(ApiRoutes.PORTAL_ASSET.key(), Map.of("asset", "portal.js")).getHeaders().get("Content-Type"))
                .startsWith("text/javascript");
        assertThat(get(ApiRoutes.PORTAL_ASSET.key(), Map.of("asset", "portal.css")).getHeaders().get("Content-Type"))
                .startsWith("text/css");
        var other = get(ApiRoutes.PORTAL_ASSET.key(), Map.of("asset", "..%2Flog4j2.xml"));
        assertThat(other.getStatusCode()).isEqualTo(404);
        assertThat(other.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void contentSecurityPolicy_httpsIssuer_addsNoPlainHttpSource() {
        assertThat(PortalAssets.contentSecurityPolicy("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x"))
                .contains("connect-src 'self' https:;").doesNotContain("http://");
    }
}
