package broker.lambda.core.catalog;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.NOVA;
import static broker.lambda.core.catalog.Catalogs.OPUS;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogResolutionTest {
    static final CatalogSnapshot CATALOG = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.euRegion("eu-west-1"));

    @Test
    void resolve_familyWithoutPrefix_becomesEveryProfileOfTheFamilyOfferedInTheGrantRegions() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("anthropic.claude-sonnet-4-5*"), "us-east-1"), CATALOG);

        assertThat(resolved.models()).containsExactly("global." + SONNET, "us." + SONNET);
    }

    @Test
    void resolve_familyWithoutPrefix_leavesOutFoundationModelsThatCannotBeInvokedOnDemand() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("anthropic.claude-*"), "us-east-1"), CATALOG);

        assertThat(resolved.models()).doesNotContain(SONNET, HAIKU, OPUS)
                .contains("us." + OPUS, "us." + HAIKU, "global." + HAIKU);
    }

    @Test
    void resolve_familyMatchingAnOnDemandModel_includesTheModelAndItsProfiles() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("amazon.nova-*"), "us-east-1"), CATALOG);

        assertThat(resolved.models()).containsExactly(NOVA, "us." + NOVA);
    }

    @Test
    void resolve_familyWithPrefix_becomesOnlyThatGeographysProfiles() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("eu.anthropic.claude-*"), "eu-west-1", "us-east-1"), CATALOG);

        assertThat(resolved.models()).containsExactly("eu." + HAIKU, "eu." + SONNET);
    }

    @Test
    void resolve_familyIsMatchedOnlyInItsGrantsOwnRegions() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("anthropic.claude-sonnet-4-5*"), "eu-west-1"), CATALOG);

        assertThat(resolved.models()).containsExactly("eu." + SONNET, "global." + SONNET);
    }

    @Test
    void resolve_exactIds_stayAsTheyAreEvenWhenTheCatalogDoesNotListThem() {
        Grant resolved = CatalogResolution.resolve(grant(List.of("us." + SONNET, "us.meta.llama3-3-70b-instruct-v1:0"),
                "us-east-1"), CATALOG);

        assertThat(resolved.models()).containsExactly("us." + SONNET, "us.meta.llama3-3-70b-instruct-v1:0");
    }

    @Test
    void resolve_applicationAndInactiveProfiles_areNeverMatched() {
        var catalog = Catalogs.snapshot(Catalogs.region("us-east-1", List.of(), List.of(
                new InferenceProfileEntry("a1b2c3d4e5f6", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
                        "team", false, true, List.of(Catalogs.fmArn("us-east-1", HAIKU))),
                new InferenceProfileEntry("us." + HAIKU, "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us." + HAIKU,
                        "", true, false, List.of(Catalogs.fmArn("us-east-1", HAIKU))))));

        assertThat(CatalogResolution.resolve(List.of(grant(List.of("anthropic.claude-haiku-*"), "us-east-1")), catalog))
                .isEmpty();
    }

    @Test
    void resolve_grantWhoseFamiliesMatchNothing_isDropped() {
        List<Grant> resolved = CatalogResolution.resolve(List.of(
                grant(List.of("anthropic.claude-opus-9*"), "us-east-1"),
                grant(List.of("us." + HAIKU), "us-east-1")), CATALOG);

        assertThat(resolved).containsExactly(grant(List.of("us." + HAIKU), "us-east-1"));
    }

    private static Grant grant(List<String> models, String... regions) {
        return new Grant(models, List.of(regions));
    }
}
