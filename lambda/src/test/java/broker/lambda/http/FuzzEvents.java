package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile API Gateway events for the route fuzzers: any body (JSON of every shape, broken JSON, huge, base64 or
 * not), content type, path and query parameters, and verified claims; plus the check that an answer is a valid
 * success or a valid problem+json.
 */
final class FuzzEvents {
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final String PROBLEM_BASE = "https://bedrock-broker.dev/problems/";

    private FuzzEvents() {
    }

    /** Short hostile text: any UTF-16, controls, lone surrogates, bidi, emoji, JSON and path metacharacters. */
    static Arbitrary<String> hostile() {
        Arbitrary<String> anyUtf16 = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(200);
        Arbitrary<String> fragments = Arbitraries.of(
                        "a", "Z", "9", "-", "_", "@", ".", ":", " ", "/", "%", "%00", "%2F", "..", "\t", "\n", "\r\n",
                        "\u0000", "\u001b", "\u2028", "\u202E", "\uD800", "\uDFFF", "😀", "山田", "دوريات", "aws:",
                        "[", "]", "{", "}", "\"", "\\", ",", "'", "*", "?", "$", "${jndi:ldap://x}", "<script>",
                        "developers", "bedrock-admins", "us-east-1", "ACCA", "0", "-1", "1e309")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
        Arbitrary<String> huge = Arbitraries.strings().withCharRange(' ', '\u07ff').ofMinLength(5_000).ofMaxLength(40_000);
        return Arbitraries.frequencyOf(Tuple.of(10, anyUtf16), Tuple.of(10, fragments), Tuple.of(1, huge));
    }

    /** A JSON string literal, every non-ASCII character escaped (lone surrogates included). */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("0", "-0", "900", "3600", "899", "3601", "43200", "1", "30", "36600", "36601",
                        "9223372036854775808", "-9223372036854775809", "1e3", "900.0", "900.5", "1e309", "-1e309",
                        "123456789012345678901234567890"),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> strings = Arbitraries.oneOf(hostile(),
                Arbitraries.of("us-east-1", "us-west-2", "eu-west-1", "", "laptop", "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "anthropic.claude-haiku-4-5-20251001-v1:0")).map(FuzzEvents::quoted);
        Arbitrary<String> scalars = Arbitraries.oneOf(numbers, strings, Arbitraries.of("true", "false", "null"));
        if (depth <= 0) return scalars;
        Arbitrary<String> arrays = jsonValue(depth - 1).list().ofMaxSize(6).map(values -> "[" + String.join(",", values) + "]");
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(2, arrays), Tuple.of(1, jsonObject(depth - 1)));
    }

    /** An object mixing the routes' fields and unknown ones, with values of every type. */
    static Arbitrary<String> jsonObject(int depth) {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("durationSeconds", "region", "models", "ageDays", "label", "DurationSeconds", "@type",
                        "__proto__", "constructor"),
                hostile());
        return Combinators.combine(names, jsonValue(depth)).as((name, value) -> quoted(name) + ":" + value)
                .list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
    }

    /** Valid-looking request bodies for the routes, so that many tries get past parsing. */
    static Arbitrary<String> plausibleBody() {
        Arbitrary<String> duration = Arbitraries.of("null", "900", "1800", "3600", "899", "3601", "0", "-5", "43200",
                "\"900\"", "900.5", "1e9");
        Arbitrary<String> region = Arbitraries.of("null", "\"us-east-1\"", "\"us-west-2\"", "\"eu-west-1\"", "\"\"",
                "\"US-EAST-1\"", "\"us-east-1 \"");
        Arbitrary<String> models = Arbitraries.of("null", "[]", "[\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"]",
                "[\"anthropic.claude-haiku-4-5-20251001-v1:0\"]", "[\"anthropic.claude-haiku-4-5-20251001-v1:0\",null]",
                "[\"*\"]", "[\"\"]", "[1]");
        Arbitrary<String> ageDays = Arbitraries.of("null", "1", "7", "30", "31", "0", "-1", "36601", "\"7\"");
        Arbitrary<String> label = Arbitraries.oneOf(Arbitraries.of("null", "\"laptop\"", "\"\"", "1"),
                hostile().map(FuzzEvents::quoted));
        Arbitrary<String> credentials = Combinators.combine(duration, region, models)
                .as((d, r, m) -> "{\"durationSeconds\":" + d + ",\"region\":" + r + ",\"models\":" + m + "}");
        Arbitrary<String> apiKey = Combinators.combine(ageDays, label).as((a, l) -> "{\"ageDays\":" + a + ",\"label\":" + l + "}");
        Arbitrary<String> bearerToken = Combinators.combine(duration, region)
                .as((d, r) -> "{\"durationSeconds\":" + d + ",\"region\":" + r + "}");
        return Arbitraries.oneOf(credentials, apiKey, bearerToken);
    }

    /** Any body: nothing, blank, plausible, arbitrary JSON, broken JSON, hostile text, or huge. */
    static Arbitrary<String> body() {
        Arbitrary<String> broken = Arbitraries.of("{", "}", "{\"region\":", "{\"region\":\"us-east-1\"", "[]", "[{}]",
                "null", "0", "\"text\"", "{}{}", "{} x", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{\"region\":\"\\ud800\"}",
                "{/*c*/}", "{'region':'us-east-1'}", "{\"durationSeconds\":900,}", "{\"models\":[\"a\",]}");
        Arbitrary<String> nested = Arbitraries.integers().between(100, 5_000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> deepObject = Arbitraries.integers().between(100, 3_000)
                .map(n -> "{\"region\":".repeat(n) + "1" + "}".repeat(n));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("", " ", "\n\t")),
                Tuple.of(8, plausibleBody()),
                Tuple.of(6, jsonObject(3)),
                Tuple.of(3, broken),
                Tuple.of(1, nested),
                Tuple.of(1, deepObject),
                Tuple.of(3, hostile()));
    }

    static Arbitrary<String> contentType() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain",
                        "application/x-www-form-urlencoded", "application/jsonx", "multipart/form-data; boundary=x")),
                Tuple.of(1, hostile()));
    }

    /** Verified claims as API Gateway flattens them; subjects and groups mostly usable, sometimes hostile. */
    static Arbitrary<Map<String, String>> claims() {
        Arbitrary<String> sub = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("alice", "00u1abcd", "auth0|carol", "bob@example.com", "a")),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('-', '|', '@', '.').ofMinLength(1).ofMaxLength(300)),
                Tuple.of(2, hostile()),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<String> groups = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("[developers]", "[developers staff]", "[bedrock-admins]", "[interns]",
                        "[developers bedrock-admins]", "[\"developers\",\"bedrock-admins\"]", "[]", "")),
                Tuple.of(2, hostile()),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<String> email = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("alice@example.com", "")),
                Tuple.of(2, hostile()),
                Tuple.of(1, Arbitraries.just((String) null)));
        return Combinators.combine(sub, groups, email, hostile()).as((s, g, e, other) -> {
            Map<String, String> claims = new HashMap<>();
            if (s != null) claims.put("sub", s);
            if (g != null) claims.put("groups", g);
            if (e != null) claims.put("email", e);
            claims.put("iss", "https://idp.example.com");
            claims.put("custom", other);
            return claims;
        });
    }

    /** A path parameter value: a real-looking id, or anything. */
    static Arbitrary<String> pathValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("alice", "00u1abcd", "auth0%7Ccarol", "ACCAFAKEIAM0000000001",
                        "ACCAPRIMINGPRIMINGPRIM", "ACCA" + "X".repeat(200), "")),
                Tuple.of(3, hostile()),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    /**
     * Events for one of {@code routeKeys}, with the given path parameter names; now and then another route key, an
     * event without a request context, or a base64 flag on a body that is not base64.
     */
    static Arbitrary<APIGatewayV2HTTPEvent> events(List<String> routeKeys, List<String> pathParameterNames) {
        Arbitrary<String> routeKey = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(routeKeys)),
                Tuple.of(1, Arbitraries.of("GET /v1/nothing", "$default", "", "POST /v1/me", "GET /v1/credentials")),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<Map<String, String>> path = pathValue().list().ofSize(pathParameterNames.size()).map(values -> {
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) parameters.put(pathParameterNames.get(i), values.get(i));
            }
            return parameters;
        });
        Arbitrary<Map<String, String>> query = Arbitraries.maps(hostile(), hostile()).ofMaxSize(3);
        Arbitrary<Integer> shape = Arbitraries.integers().between(0, 19);
        return Combinators.combine(routeKey, body(), contentType(), claims(), path, query, shape)
                .as((key, body, type, claims, parameters, queryParameters, variant) ->
                        event(key, body, type, claims, parameters, queryParameters, variant));
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String body, String contentType, Map<String, String> claims,
                                               Map<String, String> pathParameters, Map<String, String> query, int variant) {
        String method = routeKey == null || !routeKey.contains(" ") ? "GET" : routeKey.substring(0, routeKey.indexOf(' '));
        String rawPath = routeKey == null || !routeKey.contains(" ") ? "/" : routeKey.substring(routeKey.indexOf(' ') + 1);
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
                .withScopes(List.of("openid")).build();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                .withProtocol("HTTP/1.1").withSourceIp(variant == 1 ? null : "203.0.113.7")
                .withUserAgent(variant == 2 ? null : "fuzzer/1.0").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(variant == 3 ? null : "req-fuzz")
                .withRouteKey(routeKey)
                .withHttp(variant == 4 ? null : http)
                .withAuthorizer(variant == 5 ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build())
                .build();
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        headers.put("user-agent", "fuzzer/1.0");
        boolean base64 = variant == 6 || variant == 7;
        String sentBody = body;
        if (variant == 6 && body != null) {
            sentBody = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withRawQueryString(query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("&")))
                .withQueryStringParameters(query)
                .withHeaders(variant == 8 ? null : headers)
                .withPathParameters(variant == 9 ? null : pathParameters)
                .withBody(sentBody)
                .withIsBase64Encoded(base64)
                .withRequestContext(variant == 10 ? null : context)
                .build();
    }

    /**
     * The answer is a success with a JSON body (or none, for 204), or an RFC 9457 problem whose {@code status} is the
     * HTTP status; never a 500; 429 and 503 carry {@code Retry-After}; no answer body holds {@code secrets} unless it
     * is a success.
     */
    static void assertWellFormed(APIGatewayV2HTTPResponse response, List<String> secrets) throws Exception {
        assertThat(response).isNotNull();
        int status = response.getStatusCode();
        assertThat(status).as(response.getBody()).isBetween(200, 599).isNotEqualTo(500);
        Map<String, String> headers = response.getHeaders();
        assertThat(headers).isNotNull().containsEntry("Cache-Control", "no-store");
        if (status == 204) {
            assertThat(response.getBody()).isNullOrEmpty();
            return;
        }
        JsonNode body = STRICT.readTree(response.getBody());
        if (status < 400) {
            assertThat(headers).containsEntry("Content-Type", "application/json");
            assertThat(body.isObject()).isTrue();
            return;
        }
        assertThat(headers).containsEntry("Content-Type", "application/problem+json");
        assertThat(body.get("type").asText()).startsWith(PROBLEM_BASE);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank().doesNotContainPattern("[\\p{Cc}\\u2028\\u2029]");
        assertThat(body.get("instance").isTextual()).isTrue();
        if (status == 429 || status == 503) {
            assertThat(Integer.parseInt(headers.get("Retry-After"))).isPositive();
        }
        for (String secret : secrets) assertThat(response.getBody()).doesNotContain(secret);
    }
}
