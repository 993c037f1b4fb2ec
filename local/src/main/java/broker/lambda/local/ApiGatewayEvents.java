package broker.lambda.local;

import broker.lambda.authorizer.AuthorizationResult.Authorized;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the {@code APIGatewayV2HTTPEvent} (payload format 2.0) that API Gateway's HTTP API would send. */
final class ApiGatewayEvents {
    static final String STAGE = "$default";
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern TEXT_TYPE = Pattern.compile(
            "(?i)\\s*(text/[^;]*|application/(json|[^;]*\\+json|xml|[^;]*\\+xml|x-www-form-urlencoded|javascript"
                    + "|problem\\+json))\\s*(;.*)?");

    private ApiGatewayEvents() {}

    /**
     * @param authorization the authorizer's result on authenticated routes; null on open routes (API Gateway then
     *                      sends no {@code authorizer})
     */
    static APIGatewayV2HTTPEvent toEvent(IncomingRequest request, Route route, Map<String, String> pathParameters,
                                         Authorized authorization, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) if (!cookie.isBlank()) cookies.add(cookie.strip());
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });

        RequestContext.Http http = RequestContext.Http.builder()
                .withMethod(request.method())
                .withPath(request.rawPath())
                .withProtocol(request.protocol())
                .withSourceIp(request.sourceIp())
                .withUserAgent(headers.get("user-agent"))
                .build();
        String host = headers.getOrDefault("host", "localhost");
        RequestContext context = RequestContext.builder()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withDomainName(host)
                .withDomainPrefix(host.split("[.:]", 2)[0])
                .withRequestId(requestId)
                .withRouteKey(route.routeKey())
                .withStage(STAGE)
                .withTime(TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(http)
                .withAuthorizer(authorization == null ? null : RequestContext.Authorizer.builder()
                        .withJwt(RequestContext.Authorizer.JWT.builder()
                                .withClaims(new LinkedHashMap<>(authorization.claims()))
                                .withScopes(authorization.scopes().isEmpty() ? null : new ArrayList<>(authorization.scopes()))
                                .build())
                        .build())
                .build();

        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters))
                .withRequestContext(context)
                .build();
        setBody(event, request.body(), headers.get("content-type"));
        return event;
    }

    /** Decoded query parameters, repeated names comma-joined as API Gateway does; null when there are none. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes: hand the text on as sent
        }
    }

    private static void setBody(APIGatewayV2HTTPEvent event, byte[] body, String contentType) {
        if (body.length == 0) return;
        if (contentType != null && TEXT_TYPE.matcher(contentType).matches()) {
            String text = utf8(body);
            if (text != null) {
                event.setBody(text);
                event.setIsBase64Encoded(false);
                return;
            }
        }
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
