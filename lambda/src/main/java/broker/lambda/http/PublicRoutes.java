package broker.lambda.http;

import broker.contract.ApiRoutes;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The public function's routes, which need no token: {@code GET /v1/client-config}, {@code GET /v1/openapi.json}
 * and the onboarding page ({@code GET /portal}, {@code GET /portal/{asset}}). Every answer is built at init except
 * the client-config's recommended models, which follow the model catalog (see {@code DefaultRecommendation}).
 */
public final class PublicRoutes {

    /** The bootstrap document a client fetches with {@code bedrock-broker configure --url}. */
    public record ClientConfigView(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                                   String region, Models models, String portalClientId) {
        /** The recommended model ids; an empty string when there is nothing to recommend. */
        public record Models(String primary, String fast) {
            public Models {
                primary = primary == null ? "" : primary;
                fast = fast == null ? "" : fast;
            }
        }

        /** Without a portal client ({@code portalClientId} is then left out of the JSON). */
        public ClientConfigView(String issuer, String clientId, List<String> scopes, List<Integer> redirectPorts,
                                String region, Models models) {
            this(issuer, clientId, scopes, redirectPorts, region, models, null);
        }

        /** This document with other recommended models. */
        public ClientConfigView withModels(Models recommended) {
            return new ClientConfigView(issuer, clientId, scopes, redirectPorts, region, recommended, portalClientId);
        }
    }

    private final Dispatcher dispatcher;

    /** With fixed recommended models: those of {@code clientConfig}. */
    public PublicRoutes(ClientConfigView clientConfig, String openApi, PortalAssets portal, Responses responses) {
        this(clientConfig, clientConfig::models, openApi, portal, responses);
    }

    /**
     * @param clientConfig the bootstrap document; its {@code models} are replaced by {@code models} on each request
     * @param models       the recommended models now, asked on each {@code GET /v1/client-config}
     * @param openApi      the rendered {@link OpenApiDocument}
     * @param portal       the onboarding page's files
     */
    public PublicRoutes(ClientConfigView clientConfig, Supplier<ClientConfigView.Models> models, String openApi,
                        PortalAssets portal, Responses responses) {
        APIGatewayV2HTTPResponse openApiAnswer = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Content-Type-Options", "nosniff",
                        // The same for everyone and changes only with a deploy.
                        "Cache-Control", "public, max-age=300"))
                .withBody(openApi).build();
        this.dispatcher = new Dispatcher(Map.of(
                ApiRoutes.CLIENT_CONFIG.key(), request -> responses.ok(clientConfig.withModels(models.get())),
                ApiRoutes.OPENAPI.key(), request -> openApiAnswer,
                ApiRoutes.PORTAL.key(), request -> portal.page(),
                ApiRoutes.PORTAL_ASSET.key(), request -> portal.asset(request.pathParameters().get("asset")).orElseGet(() ->
                        responses.problem(ProblemType.NOT_FOUND, "The portal has no such file.", request.requestId()))),
                responses);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
