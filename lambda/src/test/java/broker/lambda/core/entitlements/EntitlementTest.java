package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntitlementTest {
    private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";

    private static final Entitlement ENTITLEMENT = new Entitlement(List.of(
            new Grant(List.of("us." + SONNET, SONNET, HAIKU), List.of("us-east-1", "us-west-2")),
            new Grant(List.of("eu." + HAIKU), List.of("eu-west-1"))), 3600, false, LongTermKeys.NONE, false);

    @Test
    void regionsFor_modelInOneGrant_returnsThatGrantsRegions() {
        assertThat(ENTITLEMENT.regionsFor("eu." + HAIKU)).containsExactly("eu-west-1");
        assertThat(ENTITLEMENT.regionsFor("apac." + HAIKU)).isEmpty();
    }

    @Test
    void modelsAndRegions_listEveryOneOnceInFirstSeenOrder() {
        assertThat(ENTITLEMENT.models()).containsExactly("us." + SONNET, SONNET, HAIKU, "eu." + HAIKU);
        assertThat(ENTITLEMENT.regions()).containsExactly("us-east-1", "us-west-2", "eu-west-1");
    }

    @Test
    void narrowedTo_oneRegion_dropsGrantsWithoutIt() {
        assertThat(ENTITLEMENT.narrowedTo(ENTITLEMENT.models(), List.of("eu-west-1")))
                .containsExactly(new Grant(List.of("eu." + HAIKU), List.of("eu-west-1")));
    }

    @Test
    void narrowedTo_someModels_keepsExactlyThemAndNotTheProfilesOfTheirModels() {
        assertThat(ENTITLEMENT.narrowedTo(List.of(SONNET, HAIKU), List.of("us-west-2")))
                .containsExactly(new Grant(List.of(SONNET, HAIKU), List.of("us-west-2")));
    }

    @Test
    void narrowedTo_idMatchedByAFamily_keepsThatIdNotTheFamily() {
        Entitlement family = new Entitlement(List.of(new Grant(List.of("anthropic.claude-*"), List.of("eu-west-1"))),
                3600, false, LongTermKeys.NONE, false);

        assertThat(family.narrowedTo(List.of("eu." + SONNET), List.of("eu-west-1")))
                .containsExactly(new Grant(List.of("eu." + SONNET), List.of("eu-west-1")));
    }

    @Test
    void narrowedTo_modelNotGranted_returnsNoGrant() {
        assertThat(ENTITLEMENT.narrowedTo(List.of("amazon.nova-pro-v1:0"), ENTITLEMENT.regions())).isEmpty();
    }
}
