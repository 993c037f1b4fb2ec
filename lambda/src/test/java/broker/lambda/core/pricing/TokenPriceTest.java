package broker.lambda.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TokenPriceTest {
    @Test
    void costMicroUsd_pricePerMillionIsMicroUsdPerToken() {
        TokenPrice price = TokenPrice.of("3", "15", "0.3", "3.75");

        // 1200 × 3 + 350 × 15 + 30000 × 0.3 + 800 × 3.75 = 3600 + 5250 + 9000 + 3000
        assertThat(price.costMicroUsd(1200, 350, 30000, 800)).isEqualTo(20_850);
    }

    @Test
    void costMicroUsd_fractionOfAMicroDollar_roundsHalfUpOncePerRecord() {
        TokenPrice price = TokenPrice.of("0.25", "1.25", "0.03", "0.3");

        assertThat(price.costMicroUsd(1, 0, 0, 0)).isZero();
        assertThat(price.costMicroUsd(2, 0, 0, 0)).isEqualTo(1);
        assertThat(price.costMicroUsd(15, 12, 0, 0)).isEqualTo(19); // 3.75 + 15
    }

    @Test
    void costMicroUsd_largestCounts_doNotOverflow() {
        TokenPrice price = TokenPrice.of("10000", "10000", "10000", "10000");

        assertThat(price.costMicroUsd(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(4L * Integer.MAX_VALUE * 10_000);
    }

    @Test
    void times_regionalPremium_keepsSixPlaces() {
        assertThat(TokenPrice.of("3", "15", "0.3", "3.75").times(new BigDecimal("1.1")))
                .isEqualTo(TokenPrice.of("3.3", "16.5", "0.33", "4.125"));
    }

    @Test
    void new_negativePrice_isRefused() {
        assertThatThrownBy(() -> TokenPrice.of("-1", "0", "0", "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
