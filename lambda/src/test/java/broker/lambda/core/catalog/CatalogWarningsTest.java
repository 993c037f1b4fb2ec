package broker.lambda.core.catalog;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import org.junit.jupiter.api.Test;

class CatalogWarningsTest {
    static final CatalogSnapshot CATALOG = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.euRegion("eu-west-1"));

    @Test
    void of_everyEntryUsable_returnsNoWarning() throws Exception {
        var document = document("""
                {"version":1,
                 "default":{"models":["us.%s","anthropic.claude-haiku-*","amazon.nova-micro-v1:0"],"regions":["us-east-1"]},
                 "groups":{"eu":{"models":["eu.anthropic.claude-*"],"regions":["eu-west-1"]}}}""".formatted(SONNET));

        assertThat(CatalogWarnings.of(document, CATALOG)).isEmpty();
    }

    @Test
    void of_familyMatchingNothingInItsRegions_warnsWithItsPath() throws Exception {
        var document = document("""
                {"version":1,"groups":{"developers":{"models":["us.%s","anthropic.claude-opus-9*"],
                 "regions":["us-east-1"]}}}""".formatted(SONNET));

        assertThat(CatalogWarnings.of(document, CATALOG)).singleElement().satisfies(warning -> {
            assertThat(warning.path()).isEqualTo("$.groups.developers.models[1]");
            assertThat(warning.model()).isEqualTo("anthropic.claude-opus-9*");
            assertThat(warning.message()).contains("matches no", "in us-east-1");
        });
    }

    @Test
    void of_profileOfAnotherGeography_warnsThatBedrockDoesNotOfferItThere() throws Exception {
        var document = document("""
                {"version":1,"default":{"models":["eu.%s"],"regions":["us-east-1"]}}""".formatted(HAIKU));

        assertThat(CatalogWarnings.of(document, CATALOG)).extracting(CatalogWarning::toString).containsExactly(
                "$.default.models[0]: Bedrock offers no inference profile eu." + HAIKU + " in us-east-1: check the id"
                        + " with aws bedrock list-inference-profiles, or list a region it is offered in.");
    }

    @Test
    void of_foundationModelOfferedOnlyThroughProfiles_namesTheProfilesToUseInstead() throws Exception {
        var document = document("""
                {"version":1,"groups":{"data.science":{"models":["%s"],"regions":["us-east-1"]}}}""".formatted(SONNET));

        assertThat(CatalogWarnings.of(document, CATALOG)).singleElement().satisfies(warning -> {
            assertThat(warning.path()).isEqualTo("$.groups['data.science'].models[0]");
            assertThat(warning.message()).isEqualTo("Bedrock offers " + SONNET + " in us-east-1 only through inference"
                    + " profiles: name global." + SONNET + " or us." + SONNET + " instead, or a family such as "
                    + SONNET + "*.");
        });
    }

    @Test
    void of_unknownFoundationModel_warns() throws Exception {
        var document = document("""
                {"version":1,"default":{"models":["amazon.nova-ultra-v9:0"],"regions":["eu-west-1"]}}""");

        assertThat(CatalogWarnings.of(document, CATALOG)).singleElement()
                .extracting(CatalogWarning::message).asString().startsWith("Bedrock offers no foundation model");
    }

    private static EntitlementsDocument document(String json) throws Exception {
        return EntitlementsDocument.parse(json);
    }
}
