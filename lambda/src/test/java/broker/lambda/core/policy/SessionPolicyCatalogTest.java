package broker.lambda.core.policy;

import static broker.lambda.core.catalog.Catalogs.HAIKU;
import static broker.lambda.core.catalog.Catalogs.SONNET;
import static broker.lambda.core.catalog.Catalogs.fmArn;
import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.catalog.CatalogSnapshot;
import broker.lambda.core.catalog.Catalogs;
import broker.lambda.core.catalog.InferenceProfileEntry;
import broker.lambda.core.entitlements.Grant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session policy built from the model catalog: each profile allows exactly the destinations Bedrock lists. */
class SessionPolicyCatalogTest {
    static final String ACCOUNT = "123456789012";
    static final CatalogSnapshot US = Catalogs.snapshot(Catalogs.usRegion("us-east-1"), Catalogs.usRegion("us-west-2"));

    @Test
    void build_usProfile_allowsTheProfileAndExactlyItsDestinationModelArns() {
        String policy = build(US, grant(List.of("us." + SONNET), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy).getFirst().resources())
                .containsExactly("arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET);
        assertThat(routed(policy)).containsExactly(
                fmArn("us-east-1", SONNET), fmArn("us-east-2", SONNET), fmArn("us-west-2", SONNET));
    }

    @Test
    void build_euProfile_allowsExactlyTheEuDestinationsBedrockLists() {
        var eu = Catalogs.snapshot(Catalogs.euRegion("eu-west-1"));

        String policy = build(eu, grant(List.of("eu." + HAIKU), "eu-west-1"));

        assertThat(routed(policy)).containsExactly(
                fmArn("eu-central-1", HAIKU), fmArn("eu-north-1", HAIKU), fmArn("eu-west-1", HAIKU),
                fmArn("eu-west-3", HAIKU));
    }

    @Test
    void build_profileTheCatalogDoesNotList_keepsItsStaticDerivation() {
        String policy = build(US, grant(List.of("us.meta.llama3-3-70b-instruct-v1:0"), "us-east-1"));

        assertThat(policy).isEqualTo(SessionPolicy.build(
                new PolicyScope("aws", ACCOUNT, List.of(grant(List.of("us.meta.llama3-3-70b-instruct-v1:0"), "us-east-1")), false)));
    }

    @Test
    void build_globalProfile_keepsEveryRegionAndTheRegionlessArn() {
        String policy = build(US, grant(List.of("global." + SONNET), "us-east-1"));

        assertThat(routed(policy)).containsExactly(fmArn("*", SONNET), fmArn("", SONNET));
    }

    @Test
    void build_destinationOutsideTheProfilesGeography_isLeftOut() {
        var odd = Catalogs.snapshot(Catalogs.region("us-east-1", List.of(), List.of(
                Catalogs.profile("us-east-1", "us." + SONNET, List.of("us-east-1", "ca-central-1", "us-east-2")))));

        String policy = build(odd, grant(List.of("us." + SONNET), "us-east-1"));

        assertThat(routed(policy))
                .contains(fmArn("us-east-1", SONNET), fmArn("us-east-2", SONNET))
                .doesNotContain(fmArn("ca-central-1", SONNET));
    }

    @Test
    void build_arnsThatAreNotPlainArnsOfTheProfilesModel_areLeftOut() {
        var odd = Catalogs.snapshot(Catalogs.region("us-east-1", List.of(), List.of(new InferenceProfileEntry(
                "us." + SONNET, "arn:aws:bedrock:us-east-1:" + ACCOUNT + ":inference-profile/us." + SONNET, "", true, true,
                List.of(fmArn("us-east-1", SONNET), fmArn("us-*", SONNET), fmArn("us-east-2", HAIKU),
                        "arn:aws-cn:bedrock:us-east-2::foundation-model/" + SONNET)))));

        String policy = build(odd, grant(List.of("us." + SONNET), "us-east-1"));

        assertThat(routed(policy)).containsExactly(fmArn("us-east-1", SONNET));
    }

    @Test
    void build_foundationModelAlsoNamedDirectly_keepsItsOwnRegionHeldArnBesideItsRoutedOnes() {
        String policy = build(US, grant(List.of("us." + SONNET, SONNET), "us-east-1", "us-west-2"));

        assertThat(PolicyJson.statements(policy)).hasSize(3);
        assertThat(PolicyJson.statements(policy).getFirst().resources())
                .containsExactly("arn:aws:bedrock:*:" + ACCOUNT + ":inference-profile/us." + SONNET, fmArn("*", SONNET));
        assertThat(PolicyJson.statements(policy).getFirst().condition())
                .isEqualTo(Map.of("StringEquals", Map.of("aws:RequestedRegion", List.of("us-east-1", "us-west-2"))));
    }

    @Test
    void build_withCatalog_neverAllowsWhatTheStaticPolicyDoesNot() {
        Grant grant = grant(List.of("us." + SONNET, "us." + HAIKU, "global." + SONNET, "amazon.nova-micro-v1:0"),
                "us-east-1", "us-west-2");

        String exact = build(US, grant);
        String derived = SessionPolicy.build(new PolicyScope("aws", ACCOUNT, List.of(grant), false));

        assertThat(routed(exact)).allSatisfy(arn -> assertThat(routed(derived))
                .anySatisfy(allowed -> assertThat(Glob.matches(allowed, arn)).isTrue()));
    }

    private static String build(CatalogSnapshot catalog, Grant... grants) {
        return SessionPolicy.build(new PolicyScope("aws", ACCOUNT, List.of(grants), false), catalog);
    }

    /** The resources of the statement that allows models only through a profile. */
    static List<String> routed(String policy) {
        return PolicyJson.statements(policy).stream().filter(statement -> statement.condition().containsKey("ArnLike"))
                .findFirst().orElseThrow().resources();
    }

    private static Grant grant(List<String> models, String... regions) {
        return new Grant(models, List.of(regions));
    }
}
