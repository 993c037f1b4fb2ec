package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogResolution;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.LongTermKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The size and shape guarantees that let the validator bound every user's policy, and the catalog's narrowing. */
class SessionPolicyPropertiesTest {
    private static final List<String> BASES = List.of(
            "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0",
            "anthropic.claude-opus-4-1-20250805-v1:0", "amazon.nova-pro-v1:0", "meta.llama3-3-70b-instruct-v1:0",
            // Families: as ARN wildcards in the static policy.
            "anthropic.claude-sonnet-4-5*", "anthropic.claude-*", "amazon.nova-*");
    private static final List<String> PREFIXES = List.of("", "us.", "eu.", "apac.", "jp.", "au.", "us-gov.", "global.");
    private static final List<String> REGIONS = List.of(
            "us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1", "ca-central-1",
            "us-gov-west-1");
    private static final Set<String> ACTIONS = Set.of("bedrock:GetInferenceProfile", "bedrock:InvokeModel",
            "bedrock:InvokeModelWithResponseStream", "bedrock:ListInferenceProfiles", "bedrock:CallWithBearerToken");

    @Property
    void minimal_fewerGrants_neverLongerThanTheUpperBoundOfAll(@ForAll("grants") List<Grant> grants,
                                                               @ForAll("mask") List<Boolean> keep) {
        List<Grant> some = new java.util.ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            if (keep.get(i % keep.size())) {
                some.add(grants.get(i));
            }
        }

        assertThat(length(some)).isLessThanOrEqualTo(
                SessionPolicy.upperBound(new PolicyScope("aws-us-gov", "123456789012", grants, true)));
    }

    /**
     * Narrowing to ids the grants list and no family of theirs matches (an id a family matches becomes an entry of its
     * own wherever that family applies, which may be longer: such a request is refused when it does not fit).
     */
    @Property
    void minimal_everyGrantNarrowedAlikeToIdsNoFamilyMatches_neverLonger(@ForAll("grants") List<Grant> grants,
                                                                @ForAll("modelSubset") Set<String> models,
                                                                @ForAll("regionSubset") Set<String> regions) {
        Entitlement entitlement = new Entitlement(grants, 3600, true, LongTermKeys.NONE, false);
        Set<String> entries = new HashSet<>(models);
        entries.retainAll(entitlement.models());
        entries.removeIf(id -> entitlement.models().stream().anyMatch(entry -> !entry.equals(id)
                && broker.lambda.core.entitlements.ModelId.parse(entry).orElseThrow().covers(id)));

        assertThat(length(entitlement.narrowedTo(entries, regions))).isLessThanOrEqualTo(length(grants));
    }

    @Property
    void build_anyGrants_allowsOnlyBrokerActionsAndNothingElse(@ForAll("grants") List<Grant> grants) {
        String policy = SessionPolicy.build(new PolicyScope("aws", "123456789012", grants, true));

        assertThat(PolicyJson.statements(policy)).allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(ACTIONS).containsAll(statement.actions());
            assertThat(statement.resources()).allSatisfy(resource ->
                    assertThat(resource).matches("\\*|arn:aws:bedrock:[a-z0-9*?-]*:(123456789012)?:"
                            + "(foundation-model|inference-profile)/(\\*\\.)?[a-z0-9.:-][a-z0-9.:*-]*"));
        });
    }

    @Property
    void build_anyGrants_allowsEveryGrantedFoundationModelInEveryGrantRegion(@ForAll("grants") List<Grant> grants) {
        PolicyEvaluator policy = PolicyEvaluator.of(SessionPolicy.build(new PolicyScope("aws", "123456789012", grants, false)));

        for (Grant grant : grants) {
            for (String model : grant.models()) {
                if (!model.contains(".anthropic") && !model.contains(".amazon") && !model.contains(".meta")) {
                    for (String region : grant.regions()) {
                        assertThat(policy.allows(new PolicyEvaluator.Request("bedrock:InvokeModel",
                                "arn:aws:bedrock:" + region + "::foundation-model/" + model.replace("*", "x"),
                                Map.of("aws:RequestedRegion", region))))
                                .as("%s in %s", model, region).isTrue();
                    }
                }
            }
        }
    }

    @Property
    void build_withCatalog_neverAllowsAnythingTheStaticPolicyDoesNot(@ForAll("grants") List<Grant> grants) {
        CatalogSnapshot catalog = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
                Catalogs.usRegion("us-west-2"), Catalogs.euRegion("eu-central-1"), Catalogs.euRegion("eu-west-1"));
        List<Grant> resolved = CatalogResolution.resolve(grants, catalog);
        String exact = SessionPolicy.build(new PolicyScope("aws", "123456789012", resolved, true), catalog);
        String staticPolicy = SessionPolicy.build(new PolicyScope("aws", "123456789012", grants, true));
        PolicyEvaluator ceiling = PolicyEvaluator.of(staticPolicy);
        String anyProfile = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/x";

        for (PolicyJson.Statement statement : PolicyJson.statements(exact)) {
            Map<String, List<String>> regionHeld = statement.condition().get("StringEquals");
            for (String action : statement.actions()) {
                for (String resource : statement.resources()) {
                    if (statement.condition().containsKey("ArnLike")) {
                        // Routed: a concrete destination ARN, called through a profile.
                        String region = resource.split(":")[3];
                        assertThat(ceiling.allows(new PolicyEvaluator.Request(action, resource, Map.of(
                                "aws:RequestedRegion", region, "bedrock:InferenceProfileArn", anyProfile))))
                                .as("%s on %s through a profile", action, resource).isTrue();
                    } else if (regionHeld != null && regionHeld.containsKey("aws:RequestedRegion")) {
                        for (String region : regionHeld.get("aws:RequestedRegion")) {
                            String concrete = resource.replace(":bedrock:*:", ":bedrock:" + region + ":");
                            assertThat(ceiling.allows(new PolicyEvaluator.Request(action, concrete,
                                    Map.of("aws:RequestedRegion", region))))
                                    .as("%s on %s in %s", action, concrete, region).isTrue();
                        }
                    } else {
                        assertThat(PolicyJson.statements(staticPolicy)).contains(statement);
                    }
                }
            }
        }
    }

    private static int length(List<Grant> grants) {
        return SessionPolicy.minimal(new PolicyScope("aws-us-gov", "123456789012", grants, true)).length();
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<String> model = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(BASES)).as(String::concat);
        Arbitrary<Grant> grant = Combinators.combine(
                model.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.of(REGIONS).list().ofMinSize(1).ofMaxSize(4)).as(Grant::new);
        return grant.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Boolean>> mask() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Set<String>> modelSubset() {
        Arbitrary<String> model = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(BASES)).as(String::concat);
        return model.set().ofMaxSize(20).map(HashSet::new);
    }

    @Provide
    Arbitrary<Set<String>> regionSubset() {
        return Arbitraries.of(REGIONS).set().ofMinSize(1);
    }
}
