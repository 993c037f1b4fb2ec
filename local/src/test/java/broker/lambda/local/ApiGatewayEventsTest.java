package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.authorizer.AuthorizationResult.Authorized;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {
    private static final Instant NOW = Instant.parse("2026-03-12T19:03:58.123Z");
    private static final Route ROUTE = Route.authenticated("POST", "/v1/credentials", new RecordingHandler());

    @Test
    void toEvent_request_fillsPayloadFormat2() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request(Map.of(
                        "Content-Type", List.of("application/json"),
                        "X-Forwarded-Things", List.of("a", "b"),
                        "User-Agent", List.of("bedrock-broker/1.0"),
                        "Cookie", List.of("session=1; theme=dark")),
                        "{\"durationSeconds\":900}".getBytes(StandardCharsets.UTF_8)),
                ROUTE, Map.of(), new Authorized(Map.of("sub", "alice"), List.of("openid")), "req-1", NOW);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /v1/credentials");
        assertThat(event.getRawPath()).isEqualTo("/v1/credentials");
        assertThat(event.getRawQueryString()).isEqualTo("model=a%20b&model=c&flag");
        assertThat(event.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("model", "a b,c", "flag", ""));
        assertThat(event.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("x-forwarded-things", "a,b").doesNotContainKey("cookie");
        assertThat(event.getCookies()).containsExactly("session=1", "theme=dark");
        assertThat(event.getBody()).isEqualTo("{\"durationSeconds\":900}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getPathParameters()).isNull();
        var context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getRouteKey()).isEqualTo("POST /v1/credentials");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getTime()).isEqualTo("12/Mar/2026:19:03:58 +0000");
        assertThat(context.getHttp().getMethod()).isEqualTo("POST");
        assertThat(context.getHttp().getPath()).isEqualTo("/v1/credentials");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("bedrock-broker/1.0");
        assertThat(context.getAuthorizer().getJwt().getClaims()).containsExactly(Map.entry("sub", "alice"));
        assertThat(context.getAuthorizer().getJwt().getScopes()).containsExactly("openid");
    }

    @Test
    void toEvent_binaryBody_isBase64Encoded() {
        byte[] body = {0, 1, 2, (byte) 0xff};

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(
                request(Map.of("Content-Type", List.of("application/octet-stream")), body),
                ROUTE, Map.of(), null, "req-2", NOW);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
    }

    @Test
    void toEvent_jsonTypeWithInvalidUtf8_isBase64Encoded() {
        byte[] body = {'{', (byte) 0xc3, '}'};

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(
                request(Map.of("Content-Type", List.of("application/json; charset=utf-8")), body),
                ROUTE, Map.of(), null, "req-3", NOW);

        assertThat(event.getIsBase64Encoded()).isTrue();
    }

    @Test
    void toEvent_openRouteWithoutBodyOrQuery_hasNoAuthorizerBodyOrParameters() {
        IncomingRequest request = new IncomingRequest("GET", "/v1/client-config", null, Map.of(), new byte[0],
                "127.0.0.1", "HTTP/1.1");

        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request,
                Route.open("GET", "/v1/client-config", new RecordingHandler()), Map.of(), null, "req-4", NOW);

        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getCookies()).isNull();
    }

    private static IncomingRequest request(Map<String, List<String>> headers, byte[] body) {
        return new IncomingRequest("POST", "/v1/credentials", "model=a%20b&model=c&flag", headers, body,
                "127.0.0.1", "HTTP/1.1");
    }
}
