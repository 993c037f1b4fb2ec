package broker.lambda.core.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsValidatorTest {
    static final String GITHUB = "https://token.actions.githubusercontent.com";

    @Test
    void validate_workloadOnlyDocument_isValidAndMatchesExactAndGlobClaims() throws Exception {
        EntitlementsDocument document = EntitlementsDocument.parse(doc("""
                {"name":"deploy","issuer":"%s","match":{"repository":"acme/*","ref":"refs/heads/main"},
                 "models":["amazon.nova-micro-v1:0"],"regions":["eu-west-1"]}""".formatted(GITHUB)));

        assertThat(document.entitlementForWorkload(GITHUB, Map.of("repository", "acme/app", "ref", "refs/heads/main")))
                .hasValueSatisfying(w -> {
                    assertThat(w.workload()).isEqualTo("deploy");
                    assertThat(w.entitlement().models()).containsExactly("amazon.nova-micro-v1:0");
                    assertThat(w.entitlement().longTermKeys().allowed()).isFalse();
                    assertThat(w.entitlement().admin()).isFalse();
                });
        assertThat(document.entitlementForWorkload(GITHUB, Map.of("repository", "other/app", "ref", "refs/heads/main"))).isEmpty();
        assertThat(document.entitlementForWorkload(GITHUB, Map.of("repository", "acme/app"))).isEmpty();
        assertThat(document.entitlementForWorkload("https://gitlab.com", Map.of("repository", "acme/app", "ref", "refs/heads/main"))).isEmpty();
        assertThat(document.entitlementFor(java.util.List.of())).isEmpty();
        assertThat(document.allRegions()).containsExactly("eu-west-1");
    }

    @Test
    void validate_workloadWithLongTermKeysOrAnUnknownField_isRefusedWithTheReason() {
        String json = doc("""
                {"name":"deploy","issuer":"%s","match":{"sub":"repo:acme/app:*"},"models":["amazon.nova-micro-v1:0"],
                 "regions":["eu-west-1"],"longTermKeys":{"allowed":true},"adminGroups":["x"]}""".formatted(GITHUB));

        assertThat(EntitlementsValidator.validate(json)).extracting(EntitlementsProblem::path, p -> p.message().substring(0, 20))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("$.workloads[0].longTermKeys", "Workloads never get "),
                        org.assertj.core.groups.Tuple.tuple("$.workloads[0].adminGroups", "Unknown field \"admin"));
    }

    @Test
    void validate_workloadWithoutMatchOrWithAMatchAllPatternOrAPlainHttpIssuer_isRefused() {
        assertThat(EntitlementsValidator.validate(doc("""
                {"name":"a","issuer":"%s","models":["amazon.nova-micro-v1:0"],"regions":["eu-west-1"]}""".formatted(GITHUB))))
                .extracting(EntitlementsProblem::path).containsExactly("$.workloads[0].match");
        assertThat(EntitlementsValidator.validate(doc("""
                {"name":"a","issuer":"%s","match":{"sub":"**"},"models":["amazon.nova-micro-v1:0"],"regions":["eu-west-1"]}""".formatted(GITHUB))))
                .extracting(EntitlementsProblem::path).containsExactly("$.workloads[0].match.sub");
        assertThat(EntitlementsValidator.validate(doc("""
                {"name":"a","issuer":"http://ci.example.com","match":{"sub":"x"},"models":["amazon.nova-micro-v1:0"],"regions":["eu-west-1"]}""")))
                .extracting(EntitlementsProblem::path).containsExactly("$.workloads[0].issuer");
    }

    @Test
    void validate_twoWorkloadsWithOneName_isRefused() {
        String entry = """
                {"name":"a","issuer":"%s","match":{"sub":"x"},"models":["amazon.nova-micro-v1:0"],"regions":["eu-west-1"]}""".formatted(GITHUB);

        assertThat(EntitlementsValidator.validate(doc(entry + "," + entry))).extracting(EntitlementsProblem::path)
                .containsExactly("$.workloads[1].name");
    }

    @Test
    void globMatches_starSpansSlashesAndEverythingElseIsLiteral() {
        assertThat(Workload.globMatches("acme/*/deploy.yml@refs/heads/main", "acme/app/.github/workflows/deploy.yml@refs/heads/main")).isTrue();
        assertThat(Workload.globMatches("repo:acme/app:*", "repo:acme/app:ref:refs/heads/x")).isTrue();
        assertThat(Workload.globMatches("repo:acme/app", "repo:acme/app2")).isFalse();
        assertThat(Workload.globMatches("a?c", "abc")).isFalse();
        assertThat(Workload.globMatches("a*c*e", "abcde")).isTrue();
    }

    private static String doc(String workloads) {
        return "{\"version\":1,\"workloads\":[" + workloads + "]}";
    }
}
