package broker.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.ApiRoutes;
import broker.lambda.core.audit.AuditEvent;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.entitlements.InvalidEntitlementsException;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.issuance.AssumeRoleCommand;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.core.policy.EntitlementsCheck;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Claims → identity → STS parameters, end to end through {@code POST /v1/credentials} and
 * {@code POST /v1/bearer-tokens} with a recording STS port: for any entitlements document the validator accepts, any
 * claims and any request, every {@code AssumeRole} the broker would send has a RoleSessionName, SourceIdentity and
 * tags within STS's limits, a session policy that is valid JSON of at most 2,048 characters in the role's partition,
 * and a duration STS accepts.
 */
class StsParametersPropertiesTest {
    // STS's documented limits, written out independently of the code under test.
    static final Pattern STS_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int MAX_POLICY_CHARS = 2048;

    static final Map<String, List<String>> REGIONS = Map.of(
            "us", List.of("us-east-1", "us-east-2", "us-west-2"),
            "eu", List.of("eu-west-1", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-2"),
            "apac", List.of("ap-northeast-1", "ap-northeast-2", "ap-southeast-2", "ap-south-1"),
            "global", List.of("us-east-1", "eu-west-1", "ap-northeast-1", "ca-central-1"));
    static final List<String> FOUNDATION_MODELS = List.of(
            "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0",
            "anthropic.claude-opus-4-1-20250805-v1:0", "amazon.nova-micro-v1:0", "amazon.nova-pro-v1:0",
            "meta.llama3-3-70b-instruct-v1:0", "mistral.pixtral-large-2502-v1:0", "cohere.command-r-plus-v1:0");
    static final List<String> ROLE_ARNS = List.of("arn:aws:iam::123456789012:role/bedrock-users",
            "arn:aws-us-gov:iam::999999999999:role/bedrock-broker-users-with-a-long-name",
            "arn:aws-cn:iam::123456789012:role/x");

    /** An entitlements document, a role, a caller and a request. */
    record Case(String document, String roleArn, Map<String, String> claims, String routeKey, String body) {}

    final List<AssumeRoleCommand> sent = new ArrayList<>();

    @Property(tries = 300, maxDiscardRatio = 10)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void assumeRole_forAnyDocumentClaimsAndRequest_sendsOnlyParametersStsAccepts(@ForAll("cases") Case c) throws Exception {
        EntitlementsDocument document;
        try {
            document = EntitlementsCheck.parse(c.document());
        } catch (InvalidEntitlementsException e) {
            Assume.that(false); // the validator refuses it at cdk synth: never deployed
            return;
        }
        sent.clear();
        BrokerConfig config = new BrokerConfig(c.roleArn(), "us-east-1", document, IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig("https://idp.example.com", "cli", List.of("openid"), List.of(53682), "", ""),
                null, null);
        var routes = CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(command -> {
            sent.add(command);
            return new StsOutcome.Assumed(new SessionCredentials("ASIAPROPERTY", "secret", "token",
                    Instant.now().plus(command.duration())));
        }, silentAudit(), Clock.systemUTC()));

        APIGatewayV2HTTPResponse response = routes.handle(event(c));

        FuzzEvents.assertWellFormed(response, List.of());
        assertThat(sent).hasSizeLessThanOrEqualTo(1);
        Statistics.collect(sent.isEmpty() ? "refused before STS" : "AssumeRole sent");
        Statistics.coverage(checker -> checker.check("AssumeRole sent").percentage(p -> p > 30));
        if (sent.isEmpty()) return;
        assertThat(response.getStatusCode()).isEqualTo(200);
        AssumeRoleCommand command = sent.getFirst();
        assertIdentityWithinLimits(command.identity());
        assertThat(command.duration().toSeconds()).isBetween(900L, 3600L);
        assertPolicyValid(command.policy(), c.roleArn().split(":")[1]);
    }

    static void assertIdentityWithinLimits(StsSessionIdentity identity) {
        assertThat(identity.roleSessionName()).matches(STS_NAME);
        assertThat(identity.sourceIdentity()).matches(STS_NAME).doesNotStartWithIgnoringCase("aws:");
        assertThat(identity.sessionTags()).hasSizeLessThanOrEqualTo(50);
        identity.sessionTags().forEach((key, value) -> {
            assertThat(key).hasSizeBetween(1, 128).matches(TAG_TEXT).doesNotStartWithIgnoringCase("aws:");
            assertThat(value).hasSizeLessThanOrEqualTo(256).matches(TAG_TEXT);
        });
        assertThat(identity.sessionTags().keySet().stream().map(String::toLowerCase).distinct().count())
                .isEqualTo(identity.sessionTags().size());
    }

    static void assertPolicyValid(String policy, String partition) throws Exception {
        assertThat(policy.length()).as("session policy size").isLessThanOrEqualTo(MAX_POLICY_CHARS);
        JsonNode root = FuzzEvents.STRICT.readTree(policy);
        assertThat(root.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(root.get("Statement").isArray()).isTrue();
        assertThat(root.get("Statement")).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.get("Effect").asText()).isIn("Allow", "Deny");
            for (JsonNode action : list(statement.get("Action"))) assertThat(action.asText()).startsWith("bedrock:");
            for (JsonNode resource : list(statement.get("Resource"))) {
                assertThat(resource.asText()).matches("\\*|arn:" + Pattern.quote(partition) + ":bedrock:[a-z0-9*-]*:\\d{0,12}:\\S+");
            }
        });
    }

    private static List<JsonNode> list(JsonNode node) {
        if (node == null) return List.of();
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) node.forEach(out::add);
        else out.add(node);
        return out;
    }

    static APIGatewayV2HTTPEvent event(Case c) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(c.claims()).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-property")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                        .withPath(c.routeKey().substring(5)).withSourceIp("203.0.113.7").withUserAgent("property").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(c.routeKey()).withRawPath(c.routeKey().substring(5))
                .withHeaders(Map.of("content-type", "application/json")).withBody(c.body()).withRequestContext(context)
                .build();
    }

    static AuditLog silentAudit() {
        return new AuditLog() {
            @Override
            public void record(AuditEvent event) {
            }

            @Override
            public void upstreamLatency(String service, Duration latency) {
            }
        };
    }

    /** One group's profile: models of one geography (and foundation models), regions of that geography. */
    static Arbitrary<Map<String, Object>> profiles() {
        Arbitrary<String> geography = Arbitraries.of("us", "eu", "apac", "global");
        return geography.flatMap(geo -> {
            Arbitrary<String> model = Arbitraries.oneOf(
                    Arbitraries.of(FOUNDATION_MODELS),
                    Arbitraries.of(FOUNDATION_MODELS).map(m -> geo + "." + m));
            Arbitrary<List<String>> models = model.list().ofMinSize(1).ofMaxSize(6).uniqueElements();
            Arbitrary<List<String>> regions = Arbitraries.of(REGIONS.get(geo)).list().ofMinSize(1).ofMaxSize(4).uniqueElements();
            Arbitrary<Integer> seconds = Arbitraries.of(900, 1800, 3600);
            return Combinators.combine(models, regions, seconds, Arbitraries.of(true, false)).as((m, r, s, keys) -> {
                Map<String, Object> profile = new LinkedHashMap<>();
                profile.put("models", m);
                profile.put("regions", r);
                profile.put("maxSessionSeconds", s);
                profile.put("shortTermKeys", keys);
                return profile;
            });
        });
    }

    static String json(Object value) {
        if (value instanceof String s) return FuzzEvents.quoted(s);
        if (value instanceof List<?> list) return list.stream().map(StsParametersPropertiesTest::json).collect(Collectors.joining(",", "[", "]"));
        if (value instanceof Map<?, ?> map) return map.entrySet().stream()
                .map(e -> json(e.getKey()) + ":" + json(e.getValue())).collect(Collectors.joining(",", "{", "}"));
        return String.valueOf(value);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> groupNames = Arbitraries.of("developers", "interns", "eu-team", "ops", "data-science",
                "a".repeat(256), "Ünïcödé groupe").list().ofMinSize(1).ofMaxSize(5).uniqueElements();
        Arbitrary<Map<String, Map<String, Object>>> groups = groupNames.flatMap(names ->
                profiles().list().ofSize(names.size()).map(list -> {
                    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) byName.put(names.get(i), list.get(i));
                    return byName;
                }));
        return groups.flatMap(byName -> {
            String document = "{\"version\":1,\"groups\":" + json(byName) + "}";
            List<String> names = List.copyOf(byName.keySet());
            List<String> regions = byName.values().stream().flatMap(p -> ((List<?>) p.get("regions")).stream())
                    .map(String::valueOf).distinct().toList();
            List<String> models = byName.values().stream().flatMap(p -> ((List<?>) p.get("models")).stream())
                    .map(String::valueOf).distinct().toList();
            Arbitrary<String> groupsClaim = Arbitraries.oneOf(
                    Arbitraries.of(names).list().ofMinSize(1).ofMaxSize(names.size()).uniqueElements()
                            .map(g -> "[" + String.join(" ", g) + "]"),
                    Arbitraries.of(names).list().ofMinSize(1).ofMaxSize(names.size()).uniqueElements()
                            .map(g -> g.stream().map(FuzzEvents::quoted).collect(Collectors.joining(",", "[", "]"))));
            Arbitrary<String> sub = Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars('-', '|', '@', '.', '_', ':')
                            .ofMinLength(1).ofMaxLength(255)),
                    Tuple.of(1, Arbitraries.of("aws:admin", "AWS:x", "a", "山田", "\u202Eevil", "x".repeat(255))),
                    Tuple.of(1, FuzzEvents.hostile()));
            Arbitrary<String> email = Arbitraries.oneOf(Arbitraries.of("alice@example.com", "", "a@b"), FuzzEvents.hostile());
            Arbitrary<Map<String, String>> claims = Combinators.combine(sub, email, groupsClaim).as((s, e, g) -> {
                Map<String, String> map = new HashMap<>();
                map.put("iss", "https://idp.example.com");
                map.put("email_verified", "true");
                map.put("sub", s);
                map.put("email", e);
                map.put("groups", g);
                return map;
            });
            Arbitrary<String> region = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("null")),
                    Tuple.of(3, Arbitraries.of(regions).map(FuzzEvents::quoted)),
                    Tuple.of(1, Arbitraries.of("\"us-gov-west-1\"", "\"sa-east-1\"")));
            Arbitrary<String> narrowedModels = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("null")),
                    Tuple.of(3, Arbitraries.of(models).list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                            .map(m -> m.stream().map(FuzzEvents::quoted).collect(Collectors.joining(",", "[", "]")))));
            Arbitrary<String> duration = Arbitraries.of("null", "900", "1800", "3600");
            Arbitrary<String> routeKey = Arbitraries.of(ApiRoutes.CREDENTIALS_ROUTE.key(), ApiRoutes.BEARER_TOKENS.key());
            return Combinators.combine(Arbitraries.of(ROLE_ARNS), claims, routeKey, region, narrowedModels, duration)
                    .as((role, cl, key, r, m, d) -> new Case(document, role, cl, key,
                            key.equals(ApiRoutes.CREDENTIALS_ROUTE.key())
                                    ? "{\"durationSeconds\":" + d + ",\"region\":" + r + ",\"models\":" + m + "}"
                                    : "{\"durationSeconds\":" + d + ",\"region\":" + r + "}"));
        });
    }
}
