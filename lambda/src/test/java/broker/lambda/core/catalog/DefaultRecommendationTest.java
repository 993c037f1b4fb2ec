package broker.lambda.core.catalog;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.NOVA;
import static broker.lambda.core.catalog.Catalogs.OPUS;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.EntitlementsDocument;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DefaultRecommendationTest {
    static final CatalogSnapshot US = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
            Catalogs.usRegion("us-west-2"));
    static final ModelCatalog CATALOG = () -> Optional.of(US);

    static EntitlementsDocument document(String defaultModels, String developerModels) throws Exception {
        String defaultProfile = defaultModels == null ? "" : """
                "default":{"models":[%s],"regions":["us-east-1","us-east-2","us-west-2"]},""".formatted(defaultModels);
        return EntitlementsDocument.parse("""
                {"version":1,%s
                 "groups":{"developers":{"models":[%s],"regions":["us-east-1","us-east-2","us-west-2"]}}}"""
                .formatted(defaultProfile, developerModels));
    }

    static String quoted(String... ids) {
        return String.join(",", List.of(ids).stream().map(id -> "\"" + id + "\"").toList());
    }

    static DefaultRecommendation.Recommended recommend(EntitlementsDocument document, ModelCatalog catalog,
                                                       ModelPreferences preferences) {
        return new DefaultRecommendation(document, catalog, preferences).current();
    }

    @Test
    void current_defaultPreferences_recommendTheFirstFamilyTheDefaultProfileMayUseByItsProfileId() throws Exception {
        var recommended = recommend(document(quoted("us." + OPUS, "us." + SONNET, "us." + HAIKU), quoted("us." + OPUS)),
                CATALOG, ModelPreferences.DEFAULT);

        assertThat(recommended).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, "us." + HAIKU));
    }

    @Test
    void current_exactIdConfigured_comesBeforeTheFamilies() throws Exception {
        var recommended = recommend(document(quoted("us." + OPUS, "us." + SONNET, "us." + HAIKU), quoted("us." + OPUS)),
                CATALOG, ModelPreferences.DEFAULT.first("us." + OPUS, ""));

        assertThat(recommended.primary()).isEqualTo("us." + OPUS);
        assertThat(recommended.fast()).isEqualTo("us." + HAIKU);
    }

    @Test
    void current_defaultProfileNamingAFamily_recommendsWhatTheCatalogResolvesItTo() throws Exception {
        var recommended = recommend(document(quoted("anthropic.claude-*"), quoted("us." + OPUS)), CATALOG, ModelPreferences.DEFAULT);

        assertThat(recommended).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, "us." + HAIKU));
    }

    @Test
    void current_preferenceNamesTheFoundationModel_recommendsTheProfileIdBedrockAccepts() throws Exception {
        var recommended = recommend(document(quoted("us." + SONNET, "global." + SONNET), quoted("us." + OPUS)), CATALOG,
                new ModelPreferences(List.of(SONNET), List.of()));

        assertThat(recommended.primary()).isEqualTo("us." + SONNET);
    }

    @Test
    void current_modelOfferedOnDemand_isRecommendedByItsOwnId() throws Exception {
        var recommended = recommend(document(quoted("amazon.nova-*", "us." + NOVA), quoted("us." + OPUS)), CATALOG,
                new ModelPreferences(List.of("amazon.nova-*"), List.of()));

        assertThat(recommended.primary()).isEqualTo(NOVA);
    }

    @Test
    void current_preferredIdNotInTheDefaultProfile_isSkipped() throws Exception {
        var recommended = recommend(document(quoted("us." + SONNET), quoted("us." + OPUS, "us." + HAIKU)), CATALOG,
                ModelPreferences.DEFAULT.first("us." + OPUS, "us." + HAIKU));

        assertThat(recommended).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, null));
    }

    @Test
    void current_withoutADefaultProfile_recommendsNothing() throws Exception {
        var recommended = recommend(document(null, quoted("us." + SONNET, "us." + HAIKU)), CATALOG,
                ModelPreferences.DEFAULT.first("us." + SONNET, "us." + HAIKU));

        assertThat(recommended).isEqualTo(DefaultRecommendation.Recommended.NONE);
    }

    @Test
    void current_catalogUnavailable_recommendsFromTheDefaultProfilesExactIdsAsModelsDoes() throws Exception {
        var recommended = recommend(document(quoted("us." + SONNET, "anthropic.claude-haiku-*"), quoted("us." + OPUS)),
                ModelCatalog.NONE, ModelPreferences.DEFAULT);

        assertThat(recommended).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, null));
    }

    @Test
    void current_catalogUnavailable_recommendsTheProfileNotTheBareIdBesideIt() throws Exception {
        var recommended = recommend(document(quoted(SONNET, "us." + SONNET), quoted("us." + OPUS)), ModelCatalog.NONE,
                ModelPreferences.DEFAULT);

        assertThat(recommended.primary()).isEqualTo("us." + SONNET);
    }

    @Test
    void current_catalogUnavailable_stillTriesTheConfiguredExactIdFirst() throws Exception {
        var recommended = recommend(document(quoted("us." + SONNET, "us." + OPUS), quoted("us." + OPUS)), ModelCatalog.NONE,
                ModelPreferences.DEFAULT.first("us." + OPUS, ""));

        assertThat(recommended.primary()).isEqualTo("us." + OPUS);
    }

    @Test
    void current_catalogChanges_followsTheCurrentSnapshot() throws Exception {
        CatalogSnapshot withoutHaiku = Catalogs.snapshot(Catalogs.region("us-east-1",
                List.of(Catalogs.profileOnly("us-east-1", SONNET, "Claude Sonnet 4.5")),
                List.of(Catalogs.profile("us-east-1", "us." + SONNET, Catalogs.US_DESTINATIONS))));
        AtomicReference<CatalogSnapshot> snapshot = new AtomicReference<>(withoutHaiku);
        var recommendation = new DefaultRecommendation(document(quoted("anthropic.claude-*"), quoted("us." + OPUS)),
                () -> Optional.of(snapshot.get()), ModelPreferences.DEFAULT);

        var before = recommendation.current();
        snapshot.set(US);
        var after = recommendation.current();

        assertThat(before).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, null));
        assertThat(after).isEqualTo(new DefaultRecommendation.Recommended("us." + SONNET, "us." + HAIKU));
    }
}
