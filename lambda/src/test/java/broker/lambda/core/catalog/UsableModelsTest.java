package broker.lambda.core.catalog;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.NOVA;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.entitlements.Entitlement;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.entitlements.LongTermKeys;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UsableModelsTest {
    static final CatalogSnapshot CATALOG = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-east-2"),
            Catalogs.usRegion("us-west-2"), Catalogs.euRegion("eu-central-1"), Catalogs.euRegion("eu-west-1"));

    @Test
    void of_modelOfferedOnlyThroughProfiles_usesTheProfileWhoseDestinationsAreAllTheCallers() {
        var models = UsableModels.of(entitlement(grant(List.of("anthropic.claude-sonnet-4-5*"),
                "us-east-1", "us-east-2", "us-west-2")), CATALOG);

        assertThat(models).singleElement().satisfies(model -> {
            assertThat(model.id()).isEqualTo("us." + SONNET);
            assertThat(model.foundationModel()).isEqualTo(SONNET);
            assertThat(model.name()).isEqualTo("Claude Sonnet 4.5");
            assertThat(model.provider()).isEqualTo("Anthropic");
            assertThat(model.streaming()).isTrue();
            assertThat(model.regions()).containsExactly("us-east-1", "us-east-2", "us-west-2");
        });
    }

    @Test
    void of_whenNoProfileStaysInTheCallersRegions_prefersARegionalProfileOverGlobal() {
        var models = UsableModels.of(entitlement(grant(List.of("anthropic.claude-sonnet-4-5*"), "us-east-1")), CATALOG);

        assertThat(models).extracting(UsableModel::id).containsExactly("us." + SONNET);
    }

    @Test
    void of_onlyAGlobalProfileEntitled_usesIt() {
        var models = UsableModels.of(entitlement(grant(List.of("global." + HAIKU), "eu-west-1")), CATALOG);

        assertThat(models).extracting(UsableModel::id).containsExactly("global." + HAIKU);
    }

    @Test
    void of_modelOfferedOnDemand_isInvokedByItsOwnId() {
        var models = UsableModels.of(entitlement(grant(List.of("amazon.nova-*"), "us-east-1")), CATALOG);

        assertThat(models).singleElement().satisfies(model -> {
            assertThat(model.id()).isEqualTo(NOVA);
            assertThat(model.regions()).containsExactly("us-east-1");
        });
    }

    @Test
    void of_bareFoundationModelIdOfferedOnlyThroughProfiles_isNotUsable() {
        assertThat(UsableModels.of(entitlement(grant(List.of(SONNET), "us-east-1")), CATALOG)).isEmpty();
    }

    @Test
    void of_profileInARegionThatDoesNotOfferIt_isUsableOnlyWhereOffered() {
        var models = UsableModels.of(entitlement(grant(List.of("eu." + HAIKU), "eu-west-1", "us-east-1")), CATALOG);

        assertThat(models).singleElement().extracting(UsableModel::regions).isEqualTo(List.of("eu-west-1"));
    }

    @Test
    void of_withoutCatalog_listsTheExactIdsWithTheirRegionsAndNoFamily() {
        var models = UsableModels.of(entitlement(
                grant(List.of("us." + SONNET, "anthropic.claude-haiku-*"), "us-east-1"),
                grant(List.of("us." + SONNET), "us-west-2")));

        assertThat(models).singleElement().satisfies(model -> {
            assertThat(model.id()).isEqualTo("us." + SONNET);
            assertThat(model.name()).isNull();
            assertThat(model.regions()).containsExactly("us-east-1", "us-west-2");
        });
    }

    @Test
    void of_withoutCatalog_listsTheEntitledProfileInsteadOfTheBareId() {
        var models = UsableModels.of(entitlement(grant(List.of(SONNET, "us." + SONNET, HAIKU), "us-east-1", "us-west-2")));

        assertThat(models).extracting(UsableModel::id).containsExactly(HAIKU, "us." + SONNET);
    }

    @Test
    void of_withoutCatalog_prefersTheProfileOfTheCallersGeographyAndAGeographicOneOverGlobal() {
        var models = UsableModels.of(entitlement(
                grant(List.of("global." + SONNET, "us." + SONNET, "eu." + HAIKU, "us." + HAIKU), "eu-west-1")));

        assertThat(models).extracting(UsableModel::id).containsExactly("eu." + HAIKU, "global." + SONNET);
    }

    @Test
    void recommend_withoutCatalog_neverNamesABareIdThatNothingShowsOfferedOnDemand() {
        var entitlement = entitlement(grant(List.of(SONNET, HAIKU, "us." + HAIKU), "us-east-1"));

        var list = ModelList.of(entitlement, ModelCatalog.NONE, ModelPreferences.DEFAULT);

        assertThat(list.primary()).isNull();
        assertThat(list.fast()).isEqualTo("us." + HAIKU);
        assertThat(list.models()).extracting(UsableModel::id).contains(SONNET);
    }

    @Test
    void recommend_withCatalog_namesTheProfileOfAModelOfferedOnlyThroughProfiles() {
        var entitlement = entitlement(grant(List.of(SONNET, "us." + SONNET), "us-east-1"));

        var list = ModelList.of(entitlement, () -> java.util.Optional.of(CATALOG), ModelPreferences.DEFAULT);

        assertThat(list.primary()).isEqualTo("us." + SONNET);
    }

    @Test
    void recommend_returnsTheFirstPreferenceThatNamesAUsableModel() {
        var models = UsableModels.of(entitlement(grant(List.of("anthropic.claude-*", "amazon.nova-*"), "us-east-1")), CATALOG);

        assertThat(UsableModels.recommend(models, ModelPreferences.DEFAULT.primary())).isEqualTo("us." + SONNET);
        assertThat(UsableModels.recommend(models, ModelPreferences.DEFAULT.fast())).isEqualTo("us." + HAIKU);
        assertThat(UsableModels.recommend(models, List.of(NOVA, "anthropic.claude-*"))).isEqualTo(NOVA);
    }

    @Test
    void recommend_whenNoPreferenceNamesAUsableModel_returnsNull() {
        var models = UsableModels.of(entitlement(grant(List.of("amazon.nova-*"), "us-east-1")), CATALOG);

        assertThat(UsableModels.recommend(models, ModelPreferences.DEFAULT.primary())).isNull();
    }

    @Property
    void of_anyEntitlement_listsOnlyIdsTheCallerMayInvokeWhereListed(@ForAll("grants") List<Grant> grants) {
        Entitlement entitlement = new Entitlement(grants, 3600, false, LongTermKeys.NONE, false);

        List<UsableModel> models = UsableModels.of(entitlement, CATALOG);

        assertThat(models).allSatisfy(model -> assertThat(model.regions()).isNotEmpty().allSatisfy(region ->
                assertThat(entitlement.allows(model.id(), region)).as("%s in %s", model.id(), region).isTrue()));
        String primary = UsableModels.recommend(models, ModelPreferences.DEFAULT.primary());
        String fast = UsableModels.recommend(models, ModelPreferences.DEFAULT.fast());
        assertThat(models.stream().map(UsableModel::id).toList())
                .containsAll(java.util.stream.Stream.of(primary, fast).filter(java.util.Objects::nonNull).toList());
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<String> model = Combinators.combine(Arbitraries.of("", "us.", "eu.", "global."),
                Arbitraries.of(SONNET, HAIKU, NOVA, "anthropic.claude-*", "anthropic.claude-haiku-*", "amazon.*"))
                .as(String::concat);
        Arbitrary<Grant> grant = Combinators.combine(model.list().ofMinSize(1).ofMaxSize(4).uniqueElements(),
                Arbitraries.of("us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1")
                        .list().ofMinSize(1).ofMaxSize(3).uniqueElements()).as(Grant::new);
        return grant.list().ofMinSize(1).ofMaxSize(3);
    }

    private static Entitlement entitlement(Grant... grants) {
        return new Entitlement(List.of(grants), 3600, false, LongTermKeys.NONE, false);
    }

    private static Grant grant(List<String> models, String... regions) {
        return new Grant(models, List.of(regions));
    }
}
