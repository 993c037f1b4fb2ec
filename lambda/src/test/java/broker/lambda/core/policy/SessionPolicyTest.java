package broker.lambda.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.policy.PolicyJson.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {
    private static final String ACCOUNT = "123456789012";
    private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final List<String> INVOKE = List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream");
    private static final Statement PROFILE_READS = new Statement("Allow",
            List.of("bedrock:GetInferenceProfile", "bedrock:ListInferenceProfiles"), List.of("*"), Map.of());
    private static final Statement SHORT_TERM_BEARER = new Statement("Allow", List.of("bedrock:CallWithBearerToken"),
            List.of("*"), Map.of("StringEquals", Map.of("bedrock:BearerTokenType", List.of("SHORT_TERM"))));
    private static final Map<String, Map<String, List<String>>> THROUGH_A_PROFILE = Map.of("ArnLike",
            Map.of("bedrock:InferenceProfileArn", List.of("arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/*")));

    @Test
    void build_foundationModel_allowsInvokeOnItInTheGrantRegionsOnly() {
        String policy = build(false, grant(List.of(SONNET), "us-east-1", "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(fm("*", SONNET)), inRegions("eu-west-1", "us-east-1")),
                PROFILE_READS);
    }

    @Test
    void build_usProfile_allowsTheProfileFromTheGrantRegionsAndItsModelInUsRegionsOnlyThroughAProfile() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("us." + SONNET)), inRegions("us-east-1")),
                new Statement("Allow", INVOKE, List.of(fm("us-*", SONNET)), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_globalProfile_allowsItsModelInEveryRegionAndRegionlessOnlyThroughAProfile() {
        String policy = build(false, grant(List.of("global." + SONNET), "eu-central-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("global." + SONNET)), inRegions("eu-central-1")),
                new Statement("Allow", INVOKE, List.of(fm("*", SONNET), fm("", SONNET)), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_euApacAndUsGovProfiles_routeToTheirRegionFamilies() {
        String policy = build(false, grant(List.of("eu." + SONNET, "apac." + HAIKU, "us-gov." + HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy).get(1).resources()).containsExactlyInAnyOrder(
                fm("eu-*", SONNET), fm("ap-*", HAIKU), fm("me-central-1", HAIKU), fm("us-gov-*", HAIKU));
    }

    @Test
    void build_japanAndAustraliaProfiles_routeToTheirTwoRegionsOnly() {
        String policy = build(false, grant(List.of("jp." + SONNET, "au." + HAIKU), "ap-northeast-1", "ap-southeast-2"));

        assertThat(PolicyJson.statements(policy).get(1).resources()).containsExactlyInAnyOrder(
                fm("ap-northeast-1", SONNET), fm("ap-northeast-3", SONNET),
                fm("ap-southeast-2", HAIKU), fm("ap-southeast-4", HAIKU));
    }

    @Test
    void build_profileUsedInASourceRegionOutsideItsRegionFamily_alsoRoutesToThatRegion() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1", "ca-central-1"));

        assertThat(PolicyJson.statements(policy).get(1).resources())
                .containsExactly(fm("ca-central-1", SONNET), fm("us-*", SONNET));
    }

    @Test
    void build_modelAlsoNamedThroughAProfile_keepsItsOwnRegionHeldArn() {
        String policy = build(false, grant(List.of("us." + SONNET, SONNET), "us-east-1"));

        assertThat(PolicyJson.statements(policy).getFirst()).isEqualTo(new Statement("Allow", INVOKE,
                List.of(profile("us." + SONNET), fm("*", SONNET)), inRegions("us-east-1")));
    }

    @Test
    void build_idNamedByGrantsWithDifferentRegions_isAllowedInTheirUnionOnce() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"), grant(List.of("us." + SONNET, HAIKU), "us-west-2"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("us." + SONNET)), inRegions("us-east-1", "us-west-2")),
                new Statement("Allow", INVOKE, List.of(fm("*", HAIKU)), inRegions("us-west-2")),
                new Statement("Allow", INVOKE, List.of(fm("us-*", SONNET)), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_profilesOfGrantsWithDifferentRegions_shareTheRoutedStatement() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"), grant(List.of("eu." + HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("eu." + HAIKU)), inRegions("eu-west-1")),
                new Statement("Allow", INVOKE, List.of(profile("us." + SONNET)), inRegions("us-east-1")),
                new Statement("Allow", INVOKE, List.of(fm("eu-*", HAIKU), fm("us-*", SONNET)), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_foundationModelsOfGrantsWithDifferentRegions_keepEachToItsOwnRegions() {
        String policy = build(false, grant(List.of(SONNET), "us-east-1"), grant(List.of(HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(fm("*", HAIKU)), inRegions("eu-west-1")),
                new Statement("Allow", INVOKE, List.of(fm("*", SONNET)), inRegions("us-east-1")),
                PROFILE_READS);
    }

    @Test
    void build_foundationModelsOfGrantsWithSameRegions_shareOneStatement() {
        String policy = build(false, grant(List.of(SONNET), "us-west-2", "us-east-1"), grant(List.of(HAIKU), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(fm("*", HAIKU), fm("*", SONNET)), inRegions("us-east-1", "us-west-2")),
                PROFILE_READS);
    }

    @Test
    void build_familyWithoutPrefixInEuRegions_allowsItsModelsThereAndOnlyItsEuAndGlobalProfiles() {
        String policy = build(false, grant(List.of("anthropic.claude-*"), "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("eu.anthropic.claude-*"),
                        profile("global.anthropic.claude-*"), fm("*", "anthropic.claude-*")), inRegions("eu-west-1")),
                new Statement("Allow", INVOKE, List.of(fm("*", "anthropic.claude-*"), fm("", "anthropic.claude-*"),
                        fm("eu-*", "anthropic.claude-*")), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_prefixedFamilyInRegionsOutsideItsGeography_allowsNothing() {
        String policy = build(false, grant(List.of("eu.anthropic.claude-*"), "us-east-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(PROFILE_READS);
    }

    @Test
    void compact_routesEachProfilesModelInAnyRegion() {
        String policy = SessionPolicy.compact(scope(false, grant(List.of("us." + SONNET, "global." + HAIKU), "us-east-1")));

        assertThat(PolicyJson.statements(policy).get(1)).isEqualTo(new Statement("Allow", INVOKE,
                List.of(fm("*", HAIKU), fm("*", SONNET), fm("", HAIKU)), THROUGH_A_PROFILE));
    }

    @Test
    void minimal_routesAnyModelButOnlyThroughAProfile() {
        String policy = SessionPolicy.minimal(scope(false, grant(List.of("us." + SONNET, "global." + HAIKU), "us-east-1")));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(profile("global." + HAIKU), profile("us." + SONNET)), inRegions("us-east-1")),
                new Statement("Allow", INVOKE, List.of(fm("*", "*"), fm("", "*")), THROUGH_A_PROFILE),
                PROFILE_READS);
    }

    @Test
    void build_bearerToken_allowsShortTermBearerTokensOnly() {
        String policy = build(true, grant(List.of(SONNET), "us-east-1"));

        assertThat(PolicyJson.statements(policy)).endsWith(PROFILE_READS, SHORT_TERM_BEARER);
    }

    @Test
    void build_noBearerToken_neverAllowsBearerTokens() {
        String policy = build(false, grant(List.of(SONNET), "us-east-1"));

        assertThat(policy).doesNotContain("CallWithBearerToken");
    }

    @Test
    void build_anyScope_isMinifiedVersionedAllowOnlyJson() {
        String policy = build(true, grant(List.of("us." + SONNET, HAIKU), "us-east-1", "us-west-2"));

        assertThat(policy).doesNotContainAnyWhitespaces().startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[");
        assertThat(PolicyJson.statements(policy)).extracting(Statement::effect).containsOnly("Allow");
    }

    @Test
    void build_sameGrantsInAnotherOrder_returnsTheSamePolicy() {
        String one = build(true, grant(List.of(SONNET, "us." + HAIKU), "us-east-1", "us-west-2"), grant(List.of(HAIKU), "eu-west-1"));
        String other = build(true, grant(List.of(HAIKU), "eu-west-1"), grant(List.of("us." + HAIKU, SONNET), "us-west-2", "us-east-1"));

        assertThat(one).isEqualTo(other);
    }

    @Test
    void build_repeatedModelsRegionsAndGrants_collapse() {
        String once = build(false, grant(List.of(SONNET), "us-east-1"));
        String repeated = build(false, grant(List.of(SONNET, SONNET), "us-east-1", "us-east-1"), grant(List.of(SONNET), "us-east-1"));

        assertThat(repeated).isEqualTo(once);
    }

    @Test
    void build_grantWithoutRegions_allowsNoModel() {
        String policy = build(false, new Grant(List.of(SONNET), List.of()));

        assertThat(PolicyJson.statements(policy)).containsExactly(PROFILE_READS);
    }

    @Test
    void build_cdkTokensAsPartitionAndAccount_copiesThemVerbatim() {
        String policy = SessionPolicy.build(new PolicyScope("${Token[AWS.Partition.8]}", "${Token[AWS.AccountId.4]}",
                List.of(grant(List.of("us." + SONNET), "us-east-1")), true));

        assertThat(PolicyJson.statements(policy).get(0).resources()).containsExactly(
                "arn:${Token[AWS.Partition.8]}:bedrock:*:${Token[AWS.AccountId.4]}:inference-profile/us." + SONNET);
        assertThat(PolicyJson.statements(policy).get(1).resources()).containsExactly(
                "arn:${Token[AWS.Partition.8]}:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void build_invalidModelId_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> build(false, grant(List.of("anthropic.claude-?"), "us-east-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anthropic.claude-?");
    }

    @Test
    void minimal_largestRealisticEntitlementInLongestPartition_fitsMaxChars() {
        // Claude Code's models as US and global profiles plus their foundation models, in every US region.
        Grant largest = grant(List.of(
                "us." + SONNET, SONNET, "global." + SONNET,
                "us." + HAIKU, HAIKU, "global." + HAIKU,
                "us.anthropic.claude-opus-4-1-20250805-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0",
                "us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-3-7-sonnet-20250219-v1:0"),
                "us-east-1", "us-east-2", "us-west-1", "us-west-2");

        String policy = SessionPolicy.minimal(new PolicyScope("aws-us-gov", ACCOUNT, List.of(largest), true));

        assertThat(policy.length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        assertThat(PolicyJson.allowedPairs(policy)).contains(
                "bedrock:InvokeModelWithResponseStream arn:aws-us-gov:bedrock:*:" + ACCOUNT
                        + ":inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0",
                "bedrock:InvokeModel arn:aws-us-gov:bedrock:::foundation-model/*",
                "bedrock:CallWithBearerToken *");
    }

    private static String build(boolean bearerToken, Grant... grants) {
        return SessionPolicy.build(scope(bearerToken, grants));
    }

    private static PolicyScope scope(boolean bearerToken, Grant... grants) {
        return new PolicyScope("aws", ACCOUNT, List.of(grants), bearerToken);
    }

    private static Grant grant(List<String> models, String... regions) {
        return new Grant(models, List.of(regions));
    }

    static String fm(String region, String model) {
        return "arn:aws:bedrock:" + region + "::foundation-model/" + model;
    }

    static String profile(String id) {
        return "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/" + id;
    }

    private static Map<String, Map<String, List<String>>> inRegions(String... regions) {
        return Map.of("StringEquals", Map.of("aws:RequestedRegion", List.of(regions)));
    }
}
