package broker.lambda.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private final PriceTable defaults = PriceTable.defaults();

    @Test
    void defaults_stateTheirDateAndSource() {
        assertThat(defaults.asOf()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(defaults.source()).contains("https://aws.amazon.com/bedrock/pricing/");
    }

    @Test
    void priceFor_globalProfile_costsTheGlobalPrice() {
        Pricing pricing = defaults.priceFor(ModelUse.of("global." + SONNET_45), "us-east-1");

        assertThat(pricing.price()).isEqualTo(TokenPrice.of("3", "15", "0.3", "3.75"));
    }

    @Test
    void priceFor_geographyProfileOrInRegion_costsTenPercentMore() {
        TokenPrice regional = TokenPrice.of("3.3", "16.5", "0.33", "4.125");

        assertThat(defaults.priceFor(ModelUse.of("us." + SONNET_45), "us-east-1").price()).isEqualTo(regional);
        assertThat(defaults.priceFor(ModelUse.of(SONNET_45), "us-east-1").price()).isEqualTo(regional);
    }

    @Test
    void priceFor_profileArn_isPricedLikeItsId() {
        Pricing pricing = defaults.priceFor(ModelUse.of(
                "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu." + SONNET_45), "eu-west-1");

        assertThat(pricing).isEqualTo(defaults.priceFor(ModelUse.of("eu." + SONNET_45), "eu-west-1"));
    }

    @Test
    void priceFor_olderOpus_isNotPricedAsTheNewOne() {
        assertThat(defaults.priceFor(ModelUse.of("anthropic.claude-opus-4-1-20250805-v1:0"), "us-east-1").price())
                .isEqualTo(TokenPrice.of("15", "75", "1.5", "18.75"));
        assertThat(defaults.priceFor(ModelUse.of("global.anthropic.claude-opus-4-5-20251101-v1:0"), "us-east-1").price())
                .isEqualTo(TokenPrice.of("5", "25", "0.5", "6.25"));
    }

    @Test
    void priceFor_unknownModel_costsTheFallbackAndNamesTheModel() {
        Pricing pricing = defaults.priceFor(ModelUse.of("meta.llama3-70b-instruct-v1:0"), "us-east-1");

        assertThat(pricing).isEqualTo(new Pricing.Fallback(defaults.fallback(), "meta.llama3-70b-instruct-v1:0"));
    }

    @Test
    void priceFor_applicationInferenceProfile_costsTheFallback() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";

        assertThat(defaults.priceFor(ModelUse.of(arn), "us-east-1")).isInstanceOf(Pricing.Fallback.class);
    }

    @Test
    void withOverride_rowsComeFirstAndFallbackReplaced() throws InvalidPricingException {
        PriceTable table = PriceTable.withOverride(defaults, """
                {"version": 1, "fallback": {"input": 1, "output": 2, "cacheRead": 0, "cacheWrite": 0},
                 "models": [{"match": "anthropic.claude-sonnet-4-5*", "regions": ["eu-west-1"],
                             "input": 2, "output": 10, "cacheRead": 0.2, "cacheWrite": 2.5}]}
                """);

        assertThat(table.priceFor(ModelUse.of("eu." + SONNET_45), "eu-west-1").price())
                .isEqualTo(TokenPrice.of("2", "10", "0.2", "2.5"));
        assertThat(table.priceFor(ModelUse.of("us." + SONNET_45), "us-east-1").price())
                .isEqualTo(TokenPrice.of("3.3", "16.5", "0.33", "4.125"));
        assertThat(table.fallback()).isEqualTo(TokenPrice.of("1", "2", "0", "0"));
        assertThat(table.asOf()).isEqualTo(defaults.asOf());
    }

    @Test
    void withOverride_invalidDocument_listsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> PriceTable.withOverride(defaults, """
                {"version": 1, "currency": "EUR",
                 "models": [{"match": "us.anthropic.claude-sonnet-4-5*", "input": -1, "output": 15,
                             "cacheRead": 0.1234567, "scope": "everywhere"}]}
                """))
                .isInstanceOfSatisfying(InvalidPricingException.class, e -> assertThat(e.problems())
                        .extracting(PricingProblem::path)
                        .containsExactlyInAnyOrder("$.currency", "$.models[0].match", "$.models[0].scope",
                                "$.models[0].input", "$.models[0].cacheRead", "$.models[0].cacheWrite"));
    }

    @Test
    void parse_completeDocumentWithoutFallbackDateOrSource_isRefused() {
        assertThatThrownBy(() -> PriceTable.parse("{\"version\": 1, \"models\": []}"))
                .isInstanceOfSatisfying(InvalidPricingException.class, e -> assertThat(e.problems())
                        .extracting(PricingProblem::path).containsExactlyInAnyOrder("$.asOf", "$.source", "$.fallback"));
    }

    @Test
    void parse_notJsonOrRepeatedField_isRefused() {
        assertThatThrownBy(() -> PriceTable.withOverride(defaults, "{\"version\": 1,")).isInstanceOf(InvalidPricingException.class);
        assertThatThrownBy(() -> PriceTable.withOverride(defaults, "{\"version\": 1, \"version\": 1}"))
                .isInstanceOf(InvalidPricingException.class);
        assertThatThrownBy(() -> PriceTable.withOverride(defaults, "{\"version\": 2}"))
                .isInstanceOf(InvalidPricingException.class);
    }
}
