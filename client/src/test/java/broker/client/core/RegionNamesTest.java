package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegionNamesTest {
    @Test
    void valid_awsRegionNames_areAccepted() {
        assertThat(RegionNames.valid("eu-central-1")).isTrue();
        assertThat(RegionNames.valid("us-gov-west-1")).isTrue();
        assertThat(RegionNames.valid("a".repeat(32))).isTrue();
    }

    @Test
    void valid_emptyNullTooLongOrOtherCharacters_isFalse() {
        assertThat(RegionNames.valid(null)).isFalse();
        assertThat(RegionNames.valid("")).isFalse();
        assertThat(RegionNames.valid("a".repeat(33))).isFalse();
        assertThat(RegionNames.valid("EU-CENTRAL-1")).isFalse();
        assertThat(RegionNames.valid("../x")).isFalse();
        assertThat(RegionNames.valid("eu central")).isFalse();
    }

    @Test
    void bearerTokenRegion_emptyIsNoRegion_badShapeIsRefused() {
        assertThat(new BearerToken("t", "2026-12-07T22:00:00Z", null).region()).isEmpty();
        assertThat(new BearerToken("t", "2026-12-07T22:00:00Z", "").region()).isEmpty();
        assertThatThrownBy(() -> new BearerToken("t", "2026-12-07T22:00:00Z", "eu/central"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("region is not a region name");
    }
}
