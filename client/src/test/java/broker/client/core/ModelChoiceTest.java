package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {
    private static final String SONNET_45 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String SONNET_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String OPUS_41 = "us.anthropic.claude-opus-4-1-20250805-v1:0";
    private static final String HAIKU_45 = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String NOVA = "amazon.nova-pro-v1:0";

    private static UsableModels.Model model(String id) {
        return new UsableModels.Model(id, id.replaceFirst("^(us|eu|apac|global)\\.", ""), null, null, true,
                List.of("us-east-1"));
    }

    private static UsableModels list(String primary, String fast, String... ids) {
        return new UsableModels(java.util.Arrays.stream(ids).map(ModelChoiceTest::model).toList(), primary, fast,
                "catalog");
    }

    @Test
    void from_recommendationsInTheList_areUsed() {
        var choice = ModelChoice.from(list(SONNET_4, HAIKU_45, SONNET_45, SONNET_4, HAIKU_45));

        assertThat(choice).isEqualTo(new ModelChoice(SONNET_4, HAIKU_45));
    }

    @Test
    void from_noRecommendations_takesTheNewestSonnetAndHaiku() {
        var choice = ModelChoice.from(list(null, null, NOVA, SONNET_4, OPUS_41, HAIKU_45, SONNET_45));

        assertThat(choice).isEqualTo(new ModelChoice(SONNET_45, HAIKU_45));
    }

    @Test
    void from_recommendationNotInTheList_isIgnored() {
        var choice = ModelChoice.from(list(SONNET_45, HAIKU_45, OPUS_41, NOVA));

        assertThat(choice).isEqualTo(new ModelChoice(OPUS_41, ""));
    }

    @Test
    void from_listWithoutTheCatalogAndNoRecommendation_neverChoosesABareId() {
        var bareSonnet = new UsableModels.Model("anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-sonnet-4-5-20250929-v1:0", null, null, true, List.of("us-east-1"));
        var bareHaiku = new UsableModels.Model("anthropic.claude-haiku-4-5-20251001-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0", null, null, true, List.of("us-east-1"));
        var list = new UsableModels(List.of(bareSonnet, model(SONNET_4), bareHaiku), null, null, "entitlements");

        assertThat(ModelChoice.from(list)).isEqualTo(new ModelChoice(SONNET_4, ""));
    }

    @Test
    void from_listWithoutTheCatalogHoldingOnlyBareIds_choosesNone() {
        var bare = new UsableModels.Model("anthropic.claude-sonnet-4-5-20250929-v1:0", "", null, null, true,
                List.of("us-east-1"));

        assertThat(ModelChoice.from(new UsableModels(List.of(bare), "", "", "entitlements")))
                .isEqualTo(new ModelChoice("", ""));
    }

    @Test
    void from_catalogList_mayChooseABareIdItOffersOnDemand() {
        var bare = new UsableModels.Model("anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-sonnet-4-5-20250929-v1:0", null, null, true, List.of("us-east-1"));

        assertThat(ModelChoice.from(new UsableModels(List.of(bare), "", "", "catalog")).primary())
                .isEqualTo("anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void from_noClaudeModel_choosesNone() {
        assertThat(ModelChoice.from(list(null, null, NOVA))).isEqualTo(new ModelChoice("", ""));
    }

    @Test
    void of_clientConfig_takesItsModels() {
        var broker = new BrokerSettings("https://issuer", "client", List.of(), List.of(), "us-east-1", SONNET_45, "");

        assertThat(ModelChoice.of(broker)).isEqualTo(new ModelChoice(SONNET_45, ""));
    }

    @Property
    void from_anyList_choosesOnlyIdsTheListHolds(@ForAll("lists") UsableModels list) {
        ModelChoice choice = ModelChoice.from(list);

        for (String id : List.of(choice.primary(), choice.fast())) {
            assertThat(id.isEmpty() || list.lists(id)).as("%s from %s", id, list).isTrue();
        }
        if (list.lists(list.recommendedPrimary())) {
            assertThat(choice.primary()).isEqualTo(list.recommendedPrimary());
        }
        if (list.models().stream().anyMatch(m -> m.id().contains("claude"))) {
            assertThat(choice.primary()).isNotEmpty();
        }
    }

    @Property
    void from_anyListWithoutTheCatalog_fallsBackToProfileIdsOnly(@ForAll("lists") UsableModels catalogList) {
        var list = new UsableModels(catalogList.models(), catalogList.recommendedPrimary(),
                catalogList.recommendedFast(), "entitlements");

        ModelChoice choice = ModelChoice.from(list);

        for (String id : List.of(choice.primary(), choice.fast())) {
            boolean recommended = id.equals(list.recommendedPrimary()) || id.equals(list.recommendedFast());
            assertThat(id.isEmpty() || recommended || id.matches("^(us|eu|global)\\..*")).as("%s from %s", id, list)
                    .isTrue();
        }
    }

    @Provide
    Arbitrary<UsableModels> lists() {
        Arbitrary<String> ids = Combinators.combine(Arbitraries.of("", "us.", "eu.", "global."),
                        Arbitraries.of("anthropic.claude-sonnet-", "anthropic.claude-haiku-", "anthropic.claude-opus-",
                                "anthropic.claude-3-5-sonnet-", "amazon.nova-", "meta.llama3-"),
                        Arbitraries.strings().withChars("0123456789-").ofMinLength(1).ofMaxLength(12))
                .as((prefix, family, version) -> prefix + family + version + "-v1:0");
        Arbitrary<List<String>> idLists = ids.list().ofMaxSize(8);
        Arbitrary<String> recommendation = Arbitraries.oneOf(Arbitraries.just(""), ids);
        return Combinators.combine(idLists, recommendation, recommendation, Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 9)).as((listed, primary, fast, pick, pickFast) -> {
                    var models = new ArrayList<UsableModels.Model>();
                    listed.forEach(id -> models.add(model(id)));
                    // Sometimes recommend a listed id, sometimes one the list does not hold.
                    String p = pick < listed.size() && pick % 2 == 0 ? listed.get(pick) : primary;
                    String f = pickFast < listed.size() && pickFast % 2 == 1 ? listed.get(pickFast) : fast;
                    return new UsableModels(models, p, f, "catalog");
                });
    }
}
