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
    private static final List<String> INVOKE_AND_GET =
            List.of("bedrock:GetInferenceProfile", "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream");
    private static final Statement LIST_PROFILES =
            new Statement("Allow", List.of("bedrock:ListInferenceProfiles"), List.of("*"), Map.of());
    private static final Statement SHORT_TERM_BEARER = new Statement("Allow", List.of("bedrock:CallWithBearerToken"),
            List.of("*"), Map.of("StringEquals", Map.of("bedrock:BearerTokenType", List.of("SHORT_TERM"))));

    @Test
    void build_foundationModel_allowsInvokeOnItInTheGrantRegionsOnly() {
        String policy = build(false, grant(List.of(SONNET), "us-east-1", "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of("arn:aws:bedrock:*::foundation-model/" + SONNET),
                        inRegions("eu-west-1", "us-east-1")),
                LIST_PROFILES);
    }

    @Test
    void build_usProfile_allowsProfileAndItsModelInEveryUsRegion() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE_AND_GET, List.of(
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET,
                        "arn:aws:bedrock:us-*::foundation-model/" + SONNET), Map.of()),
                LIST_PROFILES);
    }

    @Test
    void build_globalProfile_allowsItsModelInEveryRegionAndRegionless() {
        String policy = build(false, grant(List.of("global." + SONNET), "eu-central-1"));

        assertThat(PolicyJson.statements(policy).get(0).resources()).containsExactly(
                "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/global." + SONNET,
                "arn:aws:bedrock:*::foundation-model/" + SONNET,
                "arn:aws:bedrock:::foundation-model/" + SONNET);
    }

    @Test
    void build_euApacAndUsGovProfiles_allowTheirModelsInTheirRegionFamilies() {
        String policy = build(false, grant(List.of("eu." + SONNET, "apac." + HAIKU, "us-gov." + HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy).get(0).resources()).filteredOn(arn -> arn.contains("foundation-model"))
                .containsExactlyInAnyOrder(
                "arn:aws:bedrock:eu-*::foundation-model/" + SONNET,
                "arn:aws:bedrock:ap-*::foundation-model/" + HAIKU,
                "arn:aws:bedrock:me-central-1::foundation-model/" + HAIKU,
                "arn:aws:bedrock:eu-west-1::foundation-model/" + HAIKU,
                "arn:aws:bedrock:us-gov-*::foundation-model/" + HAIKU);
    }

    @Test
    void build_japanAndAustraliaProfiles_allowTheirModelsInTheirTwoRegionsOnly() {
        String policy = build(false, grant(List.of("jp." + SONNET, "au." + HAIKU), "ap-northeast-1", "ap-southeast-2"));

        assertThat(PolicyJson.statements(policy).get(0).resources()).filteredOn(arn -> arn.contains("foundation-model"))
                .containsExactlyInAnyOrder(
                "arn:aws:bedrock:ap-northeast-1::foundation-model/" + SONNET,
                "arn:aws:bedrock:ap-northeast-3::foundation-model/" + SONNET,
                "arn:aws:bedrock:ap-southeast-2::foundation-model/" + SONNET,
                "arn:aws:bedrock:ap-southeast-2::foundation-model/" + HAIKU,
                "arn:aws:bedrock:ap-southeast-4::foundation-model/" + HAIKU,
                "arn:aws:bedrock:ap-northeast-1::foundation-model/" + HAIKU);
    }

    @Test
    void build_profileUsedInRegionOutsideItsGeography_alsoAllowsModelInThatRegion() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1", "ca-central-1"));

        assertThat(PolicyJson.statements(policy).get(0).resources()).containsExactly(
                "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET,
                "arn:aws:bedrock:ca-central-1::foundation-model/" + SONNET,
                "arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void build_modelAlsoNamedThroughProfileOfSameGrant_needsNoOwnArn() {
        String policy = build(false, grant(List.of("us." + SONNET, SONNET), "us-east-1"));

        assertThat(PolicyJson.allowedPairs(policy))
                .doesNotContain("bedrock:InvokeModel arn:aws:bedrock:*::foundation-model/" + SONNET)
                .contains("bedrock:InvokeModel arn:aws:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void build_modelNamedThroughProfileOfAnotherGrant_keepsOwnArn() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"), grant(List.of(SONNET), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy)).contains(new Statement("Allow", INVOKE,
                List.of("arn:aws:bedrock:*::foundation-model/" + SONNET), inRegions("us-east-1", "us-west-2")));
        assertThat(PolicyJson.statements(policy)).hasSize(3);
    }

    @Test
    void build_profilesOfGrantsWithDifferentRegions_shareOneStatement() {
        String policy = build(false, grant(List.of("us." + SONNET), "us-east-1"), grant(List.of("eu." + HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE_AND_GET, List.of(
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/eu." + HAIKU,
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET,
                        "arn:aws:bedrock:eu-*::foundation-model/" + HAIKU,
                        "arn:aws:bedrock:us-*::foundation-model/" + SONNET), Map.of()),
                LIST_PROFILES);
    }

    @Test
    void build_profileAndFoundationModel_keepTheRegionConditionOnTheFoundationModelOnly() {
        String policy = build(false, grant(List.of("us." + SONNET, HAIKU), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE_AND_GET, List.of(
                        "arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET,
                        "arn:aws:bedrock:us-*::foundation-model/" + SONNET), Map.of()),
                new Statement("Allow", INVOKE, List.of("arn:aws:bedrock:*::foundation-model/" + HAIKU),
                        inRegions("us-east-1", "us-west-2")),
                LIST_PROFILES);
    }

    @Test
    void build_foundationModelsOfGrantsWithDifferentRegions_keepEachToItsOwnRegions() {
        String policy = build(false, grant(List.of(SONNET), "us-east-1"), grant(List.of(HAIKU), "eu-west-1"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of("arn:aws:bedrock:*::foundation-model/" + HAIKU), inRegions("eu-west-1")),
                new Statement("Allow", INVOKE, List.of("arn:aws:bedrock:*::foundation-model/" + SONNET), inRegions("us-east-1")),
                LIST_PROFILES);
    }

    @Test
    void build_foundationModelsOfGrantsWithSameRegions_shareOneStatement() {
        String policy = build(false, grant(List.of(SONNET), "us-west-2", "us-east-1"), grant(List.of(HAIKU), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy)).containsExactly(
                new Statement("Allow", INVOKE, List.of(
                        "arn:aws:bedrock:*::foundation-model/" + HAIKU,
                        "arn:aws:bedrock:*::foundation-model/" + SONNET), inRegions("us-east-1", "us-west-2")),
                LIST_PROFILES);
    }

    @Test
    void build_bearerToken_allowsShortTermBearerTokensOnly() {
        String policy = build(true, grant(List.of(SONNET), "us-east-1"));

        assertThat(PolicyJson.statements(policy)).endsWith(LIST_PROFILES, SHORT_TERM_BEARER);
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

        assertThat(PolicyJson.statements(policy)).containsExactly(LIST_PROFILES);
    }

    @Test
    void build_cdkTokensAsPartitionAndAccount_copiesThemVerbatim() {
        String policy = SessionPolicy.build(new PolicyScope("${Token[AWS.Partition.8]}", "${Token[AWS.AccountId.4]}",
                List.of(grant(List.of("us." + SONNET), "us-east-1")), true));

        assertThat(PolicyJson.statements(policy).get(0).resources()).containsExactly(
                "arn:${Token[AWS.Partition.8]}:bedrock:*:${Token[AWS.AccountId.4]}:inference-profile/us." + SONNET,
                "arn:${Token[AWS.Partition.8]}:bedrock:us-*::foundation-model/" + SONNET);
    }

    @Test
    void build_invalidModelId_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> build(false, grant(List.of("anthropic.claude-?"), "us-east-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anthropic.claude-?");
    }

    @Test
    void build_largestRealisticEntitlementInLongestPartition_fitsMaxChars() {
        // Claude Code's models as US and global profiles plus their foundation models, in every US region.
        Grant largest = grant(List.of(
                "us." + SONNET, SONNET, "global." + SONNET,
                "us." + HAIKU, HAIKU, "global." + HAIKU,
                "us.anthropic.claude-opus-4-1-20250805-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0",
                "us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-3-7-sonnet-20250219-v1:0"),
                "us-east-1", "us-east-2", "us-west-1", "us-west-2");

        String policy = SessionPolicy.build(new PolicyScope("aws-us-gov", ACCOUNT, List.of(largest), true));

        assertThat(policy.length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        assertThat(PolicyJson.allowedPairs(policy)).contains(
                "bedrock:InvokeModelWithResponseStream arn:aws-us-gov:bedrock:*:" + ACCOUNT
                        + ":inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0",
                "bedrock:InvokeModel arn:aws-us-gov:bedrock:::foundation-model/" + HAIKU,
                "bedrock:CallWithBearerToken *");
    }

    private static String build(boolean bearerToken, Grant... grants) {
        return SessionPolicy.build(new PolicyScope("aws", ACCOUNT, List.of(grants), bearerToken));
    }

    private static Grant grant(List<String> models, String... regions) {
        return new Grant(models, List.of(regions));
    }

    private static Map<String, Map<String, List<String>>> inRegions(String... regions) {
        return Map.of("StringEquals", Map.of("aws:RequestedRegion", List.of(regions)));
    }
}
