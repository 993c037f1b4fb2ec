package broker.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.authorizer.IssuersAuthorizer;
import broker.lambda.authorizer.LambdaAuthorization;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.identity.PrincipalKind;
import broker.lambda.http.ApiRequest;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's Lambda authorizer for several issuers, with real tokens from mock-oauth2-server: the same issuers list
 * the functions read ({@code BROKER_ISSUER} and its clients, {@code BROKER_ISSUERS}), the same verification as the
 * local broker, and a context the functions resolve exactly as the JWT authorizer's claims.
 */
class AuthorizerHandlerTest {
    static final String CLI = "bedrock-broker-cli";
    static final String BROKER_AUDIENCE = "https://broker.example.com";

    static MockOAuth2Server oidc;
    static Map<String, String> env;
    final List<String> refusals = new ArrayList<>();

    @BeforeAll
    static void start() {
        oidc = new MockOAuth2Server();
        oidc.start();
        env = Map.of(BrokerEnv.ISSUER, oidc.issuerUrl("people").toString(), BrokerEnv.CLIENT_ID, CLI,
                BrokerEnv.ISSUERS, "[{\"issuer\":\"" + oidc.issuerUrl("github") + "\",\"kind\":\"workload\","
                        + "\"audiences\":[\"" + BROKER_AUDIENCE + "\"],\"userNameClaim\":\"repository\"}]");
    }

    @AfterAll
    static void stop() {
        oidc.shutdown();
    }

    AuthorizerHandler handler() {
        return new AuthorizerHandler(new LambdaAuthorization(new IssuersAuthorizer(BrokerConfig.trustedIssuers(env)),
                refusals::add));
    }

    @Test
    void personOfThePeopleIssuer_isAuthorizedWithTheClaimsAsContext() {
        String token = token("people", "00u1alice", List.of(CLI), Map.of("groups", List.of("developers", "ml")));

        Map<String, Object> answer = handler().handleRequest(event("Bearer " + token), null);

        assertThat(answer).containsEntry(LambdaAuthorization.IS_AUTHORIZED, true);
        assertThat(context(answer)).containsEntry("sub", "00u1alice").containsEntry("groups", "[developers ml]")
                .containsEntry("iss", oidc.issuerUrl("people").toString());
    }

    @Test
    void workloadOfASecondIssuer_isAuthorizedForItsOwnAudience_only() {
        String matching = token("github", "repo:acme/app:ref:refs/heads/main", List.of(BROKER_AUDIENCE),
                Map.of("repository", "acme/app"));
        String otherAudience = token("github", "repo:acme/app:ref:refs/heads/main", List.of("sts.amazonaws.com"),
                Map.of("repository", "acme/app"));

        assertThat(handler().handleRequest(event("Bearer " + matching), null))
                .containsEntry(LambdaAuthorization.IS_AUTHORIZED, true);
        assertThat(handler().handleRequest(event("Bearer " + otherAudience), null))
                .containsExactly(Map.entry(LambdaAuthorization.IS_AUTHORIZED, false));
        assertThat(refusals).singleElement().asString().contains("aud");
    }

    @Test
    void tokenOfAnIssuerNotListed_orTheCliAudienceAtTheWorkloadIssuer_isRefused() {
        String stranger = token("stranger", "00u1alice", List.of(CLI), Map.of());
        String peopleAudienceAtGithub = token("github", "repo:acme/app:ref:refs/heads/main", List.of(CLI), Map.of());

        assertThat(handler().handleRequest(event("Bearer " + stranger), null))
                .containsEntry(LambdaAuthorization.IS_AUTHORIZED, false);
        assertThat(handler().handleRequest(event("Bearer " + peopleAudienceAtGithub), null))
                .containsEntry(LambdaAuthorization.IS_AUTHORIZED, false);
        assertThat(refusals).hasSize(2).noneMatch(reason -> reason.contains("eyJ"));
    }

    @Test
    void noOrMalformedAuthorization_isRefusedWithoutThrowing() {
        assertThat(handler().handleRequest(Map.of(), null)).containsEntry(LambdaAuthorization.IS_AUTHORIZED, false);
        assertThat(handler().handleRequest(event("Basic dXNlcjpwYXNz"), null))
                .containsEntry(LambdaAuthorization.IS_AUTHORIZED, false);
        assertThat(handler().handleRequest(null, null)).containsEntry(LambdaAuthorization.IS_AUTHORIZED, false);
    }

    @Test
    void theContext_reachesTheFunctionsAsClaims_andAGroupWithASpaceStaysOneGroup() {
        String token = token("people", "00u6mallory", List.of(CLI), Map.of("groups", List.of("x bedrock-admins")));
        Map<String, Object> context = context(handler().handleRequest(event("Bearer " + token), null));
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/me")
                .withHeaders(Map.of("authorization", "Bearer " + token))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r1")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(context).build()).build())
                .build();

        ApiRequest api = ApiRequest.of(request);
        Identity caller = new IdentityResolver(BrokerConfig.trustedIssuers(env))
                .resolve(api.claims(), api.tokenPayload()).orElseThrow();

        assertThat(caller.kind()).isEqualTo(PrincipalKind.PERSON);
        assertThat(caller.principal().issuer()).isEqualTo(oidc.issuerUrl("people").toString());
        assertThat(caller.groups()).containsExactly("x bedrock-admins");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get(LambdaAuthorization.CONTEXT);
    }

    private static Map<String, Object> event(String authorization) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("identitySource", List.of(authorization));
        event.put("headers", Map.of("authorization", authorization, "user-agent", "test"));
        return event;
    }

    private static String token(String issuerId, String subject, List<String> audiences, Map<String, Object> claims) {
        return oidc.issueToken(issuerId, "test-client", new DefaultOAuth2TokenCallback(issuerId, subject, "JWT",
                audiences, claims, 600)).serialize();
    }
}
