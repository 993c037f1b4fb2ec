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
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The size and shape guarantees that let the validator bound every user's policy by the all-grants one. */
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
    void build_fewerGrants_neverLonger(@ForAll("grants") List<Grant> grants, @ForAll("mask") List<Boolean> keep) {
        List<Grant> some = new java.util.ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            if (keep.get(i % keep.size())) {
                some.add(grants.get(i));
            }
        }

        assertThat(length(some)).isLessThanOrEqualTo(length(grants));
    }

    @Property
    void build_everyGrantNarrowedAlike_neverLonger(@ForAll("grants") List<Grant> grants,
                                                   @ForAll("modelSubset") Set<String> models,
                                                   @ForAll("regionSubset") Set<String> regions) {
        Entitlement entitlement = new Entitlement(grants, 3600, true, LongTermKeys.NONE, false);

        assertThat(length(entitlement.narrowedTo(models, regions))).isLessThanOrEqualTo(length(grants));
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
        String policy = SessionPolicy.build(new PolicyScope("aws", "123456789012", grants, false));
        List<PolicyJson.Statement> statements = PolicyJson.statements(policy);

        for (Grant grant : grants) {
            for (String model : grant.models()) {
                if (!model.contains(".anthropic") && !model.contains(".amazon") && !model.contains(".meta")) {
                    for (String region : grant.regions()) {
                        assertThat(statements).as("%s in %s", model, region).anySatisfy(statement ->
                                assertThat(allows(statement, "arn:aws:bedrock:" + region + "::foundation-model/" + model,
                                        region)).isTrue());
                    }
                }
            }
        }
    }

    /** A simplified IAM evaluation of one statement for InvokeModel on one resource, called in one region. */
    private static boolean allows(PolicyJson.Statement statement, String resource, String requestedRegion) {
        boolean actionMatches = statement.actions().contains("bedrock:InvokeModel");
        boolean resourceMatches = statement.resources().stream().anyMatch(pattern -> arnMatches(pattern, resource));
        boolean conditionHolds = statement.condition().isEmpty() || statement.condition().get("StringEquals")
                .get("aws:RequestedRegion").contains(requestedRegion);
        return actionMatches && resourceMatches && conditionHolds;
    }

    private static boolean arnMatches(String pattern, String arn) {
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6) {
            return pattern.equals("*");
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }

    @Property
    void build_withCatalog_neverAllowsAnythingTheStaticPolicyDoesNot(@ForAll("grants") List<Grant> grants) {
        CatalogSnapshot catalog = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
                Catalogs.usRegion("us-west-2"), Catalogs.euRegion("eu-central-1"), Catalogs.euRegion("eu-west-1"));
        List<Grant> resolved = CatalogResolution.resolve(grants, catalog);
        String exact = SessionPolicy.build(new PolicyScope("aws", "123456789012", resolved, true), catalog);
        String ceiling = SessionPolicy.build(new PolicyScope("aws", "123456789012", grants, true));
        List<PolicyJson.Statement> allowed = PolicyJson.statements(ceiling);

        for (PolicyJson.Statement statement : PolicyJson.statements(exact)) {
            if (!statement.condition().isEmpty()
                    && !statement.condition().get("StringEquals").containsKey("aws:RequestedRegion")) {
                assertThat(allowed).contains(statement); // CallWithBearerToken for SHORT_TERM keys
                continue;
            }
            List<String> regions = statement.condition().isEmpty() ? List.of()
                    : statement.condition().get("StringEquals").get("aws:RequestedRegion");
            for (String resource : statement.resources()) {
                for (String action : statement.actions()) {
                    if (regions.isEmpty()) {
                        // No condition: the same resource (or a wider pattern) must be allowed without one.
                        assertThat(allowed).as("%s on %s", action, resource).anySatisfy(ceilingStatement -> {
                            assertThat(ceilingStatement.actions()).contains(action);
                            assertThat(ceilingStatement.condition()).isEmpty();
                            assertThat(ceilingStatement.resources()).anySatisfy(pattern ->
                                    assertThat(Glob.matches(pattern, resource)).isTrue());
                        });
                    } else {
                        // A direct model held to regions: each region's model ARN, called in that region.
                        for (String region : regions) {
                            String concrete = resource.replace(":bedrock:*::", ":bedrock:" + region + "::");
                            assertThat(allowed).as("%s on %s in %s", action, concrete, region).anySatisfy(c ->
                                    assertThat(c.actions().contains(action) && allows(c, concrete, region)).isTrue());
                        }
                    }
                }
            }
        }
    }

    private static int length(List<Grant> grants) {
        return SessionPolicy.build(new PolicyScope("aws-us-gov", "123456789012", grants, true)).length();
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
