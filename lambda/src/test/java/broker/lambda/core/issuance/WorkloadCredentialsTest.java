package broker.lambda.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.entitlements.EntitlementsDocument;
import broker.lambda.core.identity.Identity;
import broker.lambda.core.identity.PrincipalId;
import broker.lambda.core.identity.PrincipalKind;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.testing.Principals;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workload tokens get their workloads entry and nothing else; people never get a workload entry. */
class WorkloadCredentialsTest {
    static final String GITHUB = "https://token.actions.githubusercontent.com";
    static final String HAIKU = CredentialsServiceTest.HAIKU;
    static final String SONNET_US = CredentialsServiceTest.SONNET_US;
    static final String DOCUMENT = """
            {"version":1,
             "default":{"models":["%s"],"regions":["us-east-1"]},
             "workloads":[
               {"name":"app-deploy","issuer":"%s",
                "match":{"repository":"acme/app","ref":"refs/heads/main","job_workflow_ref":"acme/app/.github/workflows/*@refs/heads/main"},
                "models":["%s"],"regions":["us-west-2"],"maxSessionSeconds":900}]}
            """.formatted(HAIKU, GITHUB, SONNET_US);

    final CredentialsServiceTest.FakeIssuer sts = new CredentialsServiceTest.FakeIssuer();

    @Test
    void credentials_forAMatchingWorkload_grantsOnlyItsEntryForItsSessionLength() throws Exception {
        Issuance result = service().credentials(workload(Map.of("repository", "acme/app", "ref", "refs/heads/main",
                "job_workflow_ref", "acme/app/.github/workflows/deploy.yml@refs/heads/main")), CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.CredentialsIssued.class);
        AssumeRoleCommand sent = sts.commands.getFirst();
        assertThat(sent.policy()).contains(SONNET_US).doesNotContain(HAIKU);
        assertThat(sent.duration()).isEqualTo(Duration.ofSeconds(900));
        assertThat(sent.identity().sourceIdentity()).startsWith("acme_app-");
        assertThat(sent.identity().sessionTags()).containsEntry("kind", "workload").containsEntry("user", "acme/app");
    }

    @Test
    void credentials_forAWorkloadThatMatchesNoEntry_isNotEntitledEvenWithADefaultProfile() throws Exception {
        Issuance result = service().credentials(workload(Map.of("repository", "acme/app", "ref", "refs/heads/feature",
                "job_workflow_ref", "acme/app/.github/workflows/deploy.yml@refs/heads/feature")), CredentialsRequest.DEFAULTS);

        assertThat(result).isInstanceOf(Issuance.NotEntitled.class);
        assertThat(sts.commands).isEmpty();
    }

    @Test
    void credentials_forAPersonWhoseClaimsLookLikeTheWorkload_getsThePersonProfileOnly() throws Exception {
        Identity person = new Identity(new PrincipalId(GITHUB, "repo:acme/app:ref:refs/heads/main"), PrincipalKind.PERSON,
                "acme/app", "", List.of(), Map.of(), null);

        service().credentials(person, CredentialsRequest.DEFAULTS);

        assertThat(sts.commands.getFirst().policy()).contains(HAIKU).doesNotContain(SONNET_US);
    }

    @Test
    void credentials_forAWorkloadOfAnotherIssuerWithTheSameClaims_isNotEntitled() throws Exception {
        Identity impostor = new Identity(new PrincipalId(Principals.ISSUER, "repo:acme/app:ref:refs/heads/main"),
                PrincipalKind.WORKLOAD, "acme/app", "", List.of(),
                Map.of("repository", "acme/app", "ref", "refs/heads/main",
                        "job_workflow_ref", "acme/app/.github/workflows/deploy.yml@refs/heads/main"), null);

        assertThat(service().credentials(impostor, CredentialsRequest.DEFAULTS)).isInstanceOf(Issuance.NotEntitled.class);
    }

    private CredentialsService service() throws Exception {
        return new CredentialsService(EntitlementsDocument.parse(DOCUMENT), sts, new CredentialsServiceTest.FakeMinter(),
                new BedrockAccount("aws", "123456789012"), "us-east-1", Clock.fixed(CredentialsServiceTest.NOW, ZoneOffset.UTC),
                broker.lambda.core.catalog.ModelCatalog.NONE, broker.lambda.core.catalog.ModelPreferences.DEFAULT,
                IssuanceRecorder.NONE, BudgetGate.OFF);
    }

    private static Identity workload(Map<String, String> claims) {
        return new Identity(new PrincipalId(GITHUB, "repo:acme/app:ref:" + claims.get("ref")), PrincipalKind.WORKLOAD,
                "acme/app", "", List.of(), claims, null);
    }
}
