package broker.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final RefreshPolicy policy = RefreshPolicy.withRefreshAhead(Duration.ofMinutes(15));

    private static Cached<String> oneHour() {
        return new Cached<>("v", T0, T0.plus(Duration.ofHours(1)));
    }

    @Test
    void assess_whenMoreThanMarginLeft_isFresh() {
        assertThat(policy.assess(oneHour(), T0.plus(Duration.ofMinutes(44)))).isInstanceOf(CacheVerdict.Fresh.class);
    }

    @Test
    void assess_whenExactlyMarginLeft_isRefreshDue() {
        assertThat(policy.assess(oneHour(), T0.plus(Duration.ofMinutes(45)))).isInstanceOf(CacheVerdict.RefreshDue.class);
    }

    @Test
    void assess_whenBelowFloor_isUnusable() {
        assertThat(policy.assess(oneHour(), T0.plus(Duration.ofSeconds(3540)))).isInstanceOf(CacheVerdict.Unusable.class);
    }

    @Test
    void assess_whenExpired_isUnusableAndSaysExpired() {
        assertThat(policy.assess(oneHour(), T0.plus(Duration.ofHours(2))))
                .isEqualTo(new CacheVerdict.Unusable<String>("cached value expired"));
    }

    @Test
    void marginFor_shortLivedValue_isHalfItsLifetime() {
        var fifteenMinutes = new Cached<>("v", T0, T0.plus(Duration.ofMinutes(15)));
        assertThat(policy.marginFor(fifteenMinutes)).isEqualTo(Duration.ofSeconds(450));
        assertThat(policy.assess(fifteenMinutes, T0.plus(Duration.ofMinutes(5)))).isInstanceOf(CacheVerdict.Fresh.class);
    }

    @Test
    void marginFor_hourLongValue_isConfiguredMargin() {
        assertThat(policy.marginFor(oneHour())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void assess_withClaudeCodeFloor_neverServesLessThanSevenMinutesEvenAsFallback() {
        RefreshPolicy export = policy.withFloor(RefreshPolicy.CLAUDE_CODE_FLOOR);
        assertThat(export.assess(oneHour(), T0.plus(Duration.ofMinutes(52)))).isInstanceOf(CacheVerdict.RefreshDue.class);
        assertThat(export.assess(oneHour(), T0.plus(Duration.ofMinutes(54)))).isInstanceOf(CacheVerdict.Unusable.class);
    }

    @Test
    void assess_marginBelowFloor_isRaisedToTheFloor() {
        RefreshPolicy tiny = new RefreshPolicy(Duration.ofMinutes(2), Duration.ofMinutes(7));
        assertThat(tiny.assess(oneHour(), T0.plus(Duration.ofMinutes(54)))).isInstanceOf(CacheVerdict.Unusable.class);
    }
}
