package broker.lambda.core.issuance;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static broker.lambda.core.issuance.CredentialsServiceTest.NOW;
import static broker.lambda.core.issuance.CredentialsServiceTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.catalog.ModelCatalog;
import broker.lambda.core.catalog.ModelPreferences;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.policy.PolicyEvaluator;
import broker.lambda.core.state.IssuanceRecorder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each over-grant issue #17 reproduced through the local broker, as a call IAM would allow or deny under the issued
 * session policy (judged by {@link PolicyEvaluator}).
 */
class CredentialsServiceOverGrantTest {
    static final String ACCOUNT = "123456789012";
    /** The entitlement of the report: Sonnet and Haiku 4.5, bare and us. profiles, in us-east-1 and us-west-2. */
    static final String US_DOCUMENT = """
            {"version":1,"groups":{"dev":{"models":["%s","%s","us.%s","us.%s"],"regions":["us-east-1","us-west-2"]},
             "global":{"models":["global.%s"],"regions":["us-east-1"]}}}
            """.formatted(SONNET, HAIKU, SONNET, HAIKU, SONNET);
    static final String EU_FAMILY_DOCUMENT = """
            {"version":1,"groups":{"eu":{"models":["anthropic.claude-*"],"regions":["eu-west-1"]}}}
            """;
    static final CatalogSnapshot US = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-west-2"),
            Catalogs.usRegion("us-east-2"));
    static final CatalogSnapshot EU = Catalogs.snapshot(Catalogs.euRegion("eu-west-1"), Catalogs.euRegion("eu-central-1"));

    final CredentialsServiceTest.FakeIssuer sts = new CredentialsServiceTest.FakeIssuer();

    @Test
    void staticPolicy_profileFromANonEntitledSourceRegion_isDenied() throws Exception {
        PolicyEvaluator policy = issue(US_DOCUMENT, ModelCatalog.NONE, "dev", List.of());

        assertThat(policy.allows(profileCall("us." + SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(profileCall("us." + SONNET, "us-east-2"))).isFalse();
        assertThat(policy.allows(profileCall("us." + SONNET, "us-west-1"))).isFalse();
    }

    @Test
    void staticPolicy_bareModelOutsideTheEntitledRegions_isDenied() throws Exception {
        PolicyEvaluator policy = issue(US_DOCUMENT, ModelCatalog.NONE, "dev", List.of());

        assertThat(policy.allows(direct(SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(direct(SONNET, "us-east-2"))).isFalse();
        assertThat(policy.allows(direct(HAIKU, "us-west-1"))).isFalse();
    }

    @Test
    void staticPolicy_destinationOfAProfile_isAllowedOnlyThroughTheProfile() throws Exception {
        PolicyEvaluator policy = issue(US_DOCUMENT, ModelCatalog.NONE, "dev", List.of());

        assertThat(policy.allows(routed(SONNET, "us-east-2", "us." + SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(direct(SONNET, "us-east-2"))).isFalse();
    }

    @Test
    void catalogPolicy_globalProfileOutsideTheEntitledRegions_isDenied() throws Exception {
        PolicyEvaluator policy = issue(US_DOCUMENT, () -> Optional.of(US), "global", List.of());

        assertThat(policy.allows(profileCall("global." + SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(profileCall("global." + SONNET, "eu-west-1"))).isFalse();
        assertThat(policy.allows(profileCall("global." + SONNET, "us-west-2"))).isFalse();
    }

    @Test
    void catalogPolicy_globalProfilesModel_isNeverCallableDirectly() throws Exception {
        PolicyEvaluator policy = issue(US_DOCUMENT, () -> Optional.of(US), "global", List.of());

        assertThat(policy.allows(routed(SONNET, "", "global." + SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(routed(SONNET, "eu-west-1", "global." + SONNET, "us-east-1"))).isTrue();
        assertThat(policy.allows(direct(SONNET, "eu-west-1"))).isFalse();
        assertThat(policy.allows(direct(SONNET, "us-east-1"))).isFalse();
    }

    @Test
    void staticPolicy_familyNarrowedToOneEuProfile_allowsThatProfileAndNothingElse() throws Exception {
        PolicyEvaluator policy = issue(EU_FAMILY_DOCUMENT, ModelCatalog.NONE, "eu", List.of("eu." + SONNET));

        assertThat(policy.allows(profileCall("eu." + SONNET, "eu-west-1"))).isTrue();
        assertThat(policy.allows(routed(SONNET, "eu-central-1", "eu." + SONNET, "eu-west-1"))).isTrue();
        assertThat(policy.allows(profileCall("eu." + HAIKU, "eu-west-1"))).isFalse();
        assertThat(policy.allows(profileCall("global." + SONNET, "eu-west-1"))).isFalse();
        assertThat(policy.allows(profileCall("us." + SONNET, "us-east-1"))).isFalse();
        assertThat(policy.allows(direct(SONNET, "eu-west-1"))).isFalse();
        assertThat(policy.allows(direct(HAIKU, "us-east-1"))).isFalse();
    }

    @Test
    void staticPolicy_euOnlyFamily_allowsEuAndGlobalProfilesFromEuRegionsOnly() throws Exception {
        PolicyEvaluator policy = issue(EU_FAMILY_DOCUMENT, ModelCatalog.NONE, "eu", List.of());

        assertThat(policy.allows(profileCall("eu." + HAIKU, "eu-west-1"))).isTrue();
        assertThat(policy.allows(profileCall("global." + HAIKU, "eu-west-1"))).isTrue();
        assertThat(policy.allows(profileCall("us." + HAIKU, "eu-west-1"))).isFalse();
        assertThat(policy.allows(profileCall("eu." + HAIKU, "eu-central-1"))).isFalse();
        assertThat(policy.allows(direct(HAIKU, "eu-central-1"))).isFalse();
    }

    @Test
    void catalogPolicy_requestForTheFamilyItself_allowsWhatTheFamilyOffersThere() throws Exception {
        PolicyEvaluator policy = issue(EU_FAMILY_DOCUMENT, () -> Optional.of(EU), "eu", List.of("anthropic.claude-*"));

        assertThat(policy.allows(profileCall("eu." + SONNET, "eu-west-1"))).isTrue();
        assertThat(policy.allows(routed(SONNET, "eu-north-1", "eu." + SONNET, "eu-west-1"))).isTrue();
        assertThat(policy.allows(profileCall("global." + HAIKU, "eu-west-1"))).isTrue();
        assertThat(policy.allows(profileCall("us." + HAIKU, "eu-west-1"))).isFalse();
    }

    private PolicyEvaluator issue(String document, ModelCatalog catalog, String group, List<String> models) throws Exception {
        var service = new CredentialsService(EntitlementsDocument.parse(document), sts,
                new CredentialsServiceTest.FakeMinter(), new BedrockAccount("aws", ACCOUNT), "us-east-1",
                Clock.fixed(NOW, ZoneOffset.UTC), catalog, ModelPreferences.DEFAULT,
                IssuanceRecorder.NONE, BudgetGate.OFF);

        Issuance issued = service.credentials(user(group), new CredentialsRequest(null, null, models));

        assertThat(issued).isInstanceOf(Issuance.CredentialsIssued.class);
        return PolicyEvaluator.of(sts.commands.getLast().policy());
    }

    static PolicyEvaluator.Request direct(String model, String region) {
        return new PolicyEvaluator.Request("bedrock:InvokeModel", "arn:aws:bedrock:" + region + "::foundation-model/" + model,
                Map.of("aws:RequestedRegion", region));
    }

    static PolicyEvaluator.Request profileCall(String profile, String region) {
        return new PolicyEvaluator.Request("bedrock:InvokeModel", profileArn(profile, region),
                Map.of("aws:RequestedRegion", region));
    }

    static PolicyEvaluator.Request routed(String model, String destination, String profile, String source) {
        return new PolicyEvaluator.Request("bedrock:InvokeModel",
                "arn:aws:bedrock:" + destination + "::foundation-model/" + model,
                Map.of("aws:RequestedRegion", destination.isEmpty() ? source : destination,
                        "bedrock:InferenceProfileArn", profileArn(profile, source)));
    }

    static String profileArn(String profile, String region) {
        return "arn:aws:bedrock:" + region + ":" + ACCOUNT + ":inference-profile/" + profile;
    }
}
