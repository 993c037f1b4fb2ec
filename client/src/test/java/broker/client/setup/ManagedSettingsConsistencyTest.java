package broker.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import broker.client.core.ModelChoice;
import broker.client.core.UsableModels;
import broker.lambda.core.catalog.UsableModel;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.LongTermKeys;
import broker.lambda.core.entitlements.ModelId;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.SessionPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@code helper policy} announces is what the person's credentials allow: for any entitlement, every model the
 * managed settings name for a region (in {@code availableModels}, {@code ANTHROPIC_MODEL} or the small/fast model
 * variables) is granted by that entitlement in that region, and the session policy the broker builds for the same
 * entitlement ({@code SessionPolicy}, the lambda module's core) allows {@code bedrock:InvokeModel} on it there. The
 * model list is the one {@code GET /v1/models} serves ({@code UsableModels.of}).
 */
class ManagedSettingsConsistencyTest {
    private static final String ACCOUNT = "123456789012";
    private static final List<String> MODELS = List.of(
            "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-haiku-4-5-20251001-v1:0",
            "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.anthropic.claude-opus-4-1-20250805-v1:0",
            "apac.anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-pro-v1:0", "anthropic.claude-*");
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
            "ap-northeast-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void managedSettings_anyEntitlement_nameOnlyModelsTheSessionPolicyAllowsInThatRegion(
            @ForAll("grants") List<Grant> grants) throws Exception {
        var entitlement = new Entitlement(grants, 3600, true, LongTermKeys.NONE, false);
        List<UsableModel> served = broker.lambda.core.catalog.UsableModels.of(entitlement);
        UsableModels list = new UsableModels(served.stream().map(m -> new UsableModels.Model(m.id(), m.foundationModel(),
                m.name(), m.provider(), false, m.regions())).toList(),
                broker.lambda.core.catalog.UsableModels.recommend(served, List.of("anthropic.claude-sonnet-*")),
                broker.lambda.core.catalog.UsableModels.recommend(served, List.of("anthropic.claude-haiku-*")), "");
        JsonNode policy = JSON.readTree(SessionPolicy.build(new PolicyScope("aws", ACCOUNT, grants, false)));

        for (String region : entitlement.regions()) {
            Map<String, Object> settings = ManagedSettings.of(ManagedSettings.inRegion(list, region),
                    ModelChoice.of(new broker.client.core.BrokerSettings("https://issuer", "client", List.of(),
                            List.of(), region, "", "")), region, null, "default", ManagedSettings.Telemetry.NONE);

            for (String id : announced(settings)) {
                assertThat(entitlement.allows(id, region) || entitlement.regionsFor(id).contains(region))
                        .as("%s granted in %s", id, region).isTrue();
                assertThat(allowsInvoke(policy, arn(id, region), region))
                        .as("session policy allows %s in %s: %s", id, region, policy).isTrue();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> announced(Map<String, Object> settings) {
        List<String> ids = new ArrayList<>((List<String>) settings.getOrDefault("availableModels", List.of()));
        Map<String, Object> env = (Map<String, Object>) settings.get("env");
        for (String name : List.of("ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL")) {
            if (env.get(name) instanceof String id) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String arn(String id, String region) {
        return ModelId.parse(id).orElseThrow() instanceof ModelId.InferenceProfile
                ? "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":inference-profile/" + id
                : "arn:aws:bedrock:" + region + "::foundation-model/" + id;
    }

    /** An Allow statement whose actions, resources and (only) {@code aws:RequestedRegion} condition match. */
    private static boolean allowsInvoke(JsonNode policy, String arn, String region) {
        for (JsonNode statement : list(policy.get("Statement"))) {
            if (!"Allow".equals(statement.path("Effect").asText())
                    || list(statement.get("Action")).stream().noneMatch(a -> matches(a.asText(), "bedrock:InvokeModel"))
                    || list(statement.get("Resource")).stream().noneMatch(r -> matches(r.asText(), arn))) {
                continue;
            }
            JsonNode condition = statement.get("Condition");
            if (condition == null) {
                return true;
            }
            boolean onlyRegion = condition.size() == 1 && condition.has("StringEquals")
                    && condition.get("StringEquals").size() == 1 && condition.get("StringEquals").has("aws:RequestedRegion");
            if (onlyRegion && list(condition.get("StringEquals").get("aws:RequestedRegion")).stream()
                    .anyMatch(value -> value.asText().equals(region))) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> list(JsonNode node) {
        var out = new ArrayList<JsonNode>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one. */
    private static boolean matches(String pattern, String value) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<Grant> grant = Combinators.combine(
                Arbitraries.of(MODELS).list().ofMinSize(1).ofMaxSize(4).uniqueElements(),
                Arbitraries.of(REGIONS).list().ofMinSize(1).ofMaxSize(3).uniqueElements()).as(Grant::new);
        return grant.list().ofMinSize(1).ofMaxSize(3);
    }
}
