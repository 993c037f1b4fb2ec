package broker.infra.construct;

import static org.assertj.core.api.Assertions.assertThat;

import broker.infra.Fixtures;
import broker.lambda.core.entitlements.Grant;
import broker.lambda.core.policy.PolicyScope;
import broker.lambda.core.policy.SessionPolicy;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** cdk-nag's view of the Bedrock user role: the ceiling's known wildcards pass, any other fails. No synth. */
class UserRoleTest {

    @Test
    void nag_withSessionPolicyShapedCeiling_acknowledgesEachWildcard() {
        assertThat(iam5Findings(Fixtures.CEILING_POLICY)).isEmpty();
    }

    @Test
    void nag_withWildcardAction_reportsIt() {
        String ceiling = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*",\
                "Resource":"arn:%s:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0"}]}"""
                .formatted(Aws.PARTITION);
        assertThat(iam5Findings(ceiling)).containsExactly("AwsSolutions-IAM5[Action::bedrock:*]");
    }

    @Test
    void nag_withStarResourceForInvoke_reportsIt() {
        String ceiling = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel",\
                "Resource":"*"}]}""";
        assertThat(iam5Findings(ceiling)).containsExactly("AwsSolutions-IAM5[Resource::*]");
    }

    @Test
    void nag_withWildcardModelId_reportsIt() {
        String ceiling = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel",\
                "Resource":"arn:%s:bedrock:us-*::foundation-model/anthropic.*"}]}"""
                .formatted(Aws.PARTITION);
        assertThat(iam5Findings(ceiling)).containsExactly(
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:us-*::foundation-model/anthropic.*]");
    }

    @Test
    void nag_withWildcardAccount_reportsIt() {
        String ceiling = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel",\
                "Resource":"arn:%s:bedrock:*:*:inference-profile/us.amazon.nova-micro-v1:0"}]}"""
                .formatted(Aws.PARTITION);
        assertThat(iam5Findings(ceiling)).containsExactly(
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*:*:inference-profile/us.amazon.nova-micro-v1:0]");
    }

    @Test
    void nag_withTheEntitlementsModelFamilies_acknowledgesTheirWildcards() {
        List<String> families = List.of("anthropic.claude-sonnet-4-5*", "eu.anthropic.claude-haiku-*", "global.amazon.nova-*");
        String ceiling = SessionPolicy.build(new PolicyScope(Aws.PARTITION, Aws.ACCOUNT_ID, List.of(
                new Grant(families, List.of("us-east-1", "eu-west-1", "ca-central-1"))), true));

        assertThat(iam5Findings(ceiling, families)).isEmpty();
    }

    @Test
    void nag_withAWildcardModelIdThatIsNoFamilyOfTheEntitlements_reportsIt() {
        String ceiling = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel",\
                "Resource":"arn:%s:bedrock:us-*::foundation-model/anthropic.*"}]}"""
                .formatted(Aws.PARTITION);

        assertThat(iam5Findings(ceiling, List.of("anthropic.claude-sonnet-4-5*"))).containsExactly(
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:us-*::foundation-model/anthropic.*]");
    }

    private static List<String> iam5Findings(String ceiling) {
        return iam5Findings(ceiling, List.of());
    }

    private static List<String> iam5Findings(String ceiling, List<String> families) {
        App app = Fixtures.app();
        Stack stack = new Stack(app, "Test");
        Role trusted = Role.Builder.create(stack, "Trusted").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        new UserRole(stack, "UserRole", new UserRole.Props(trusted, ceiling, families));
        return new AwsSolutionsChecks().validateScope(stack).getViolations().stream()
                .map(PolicyViolation::getRuleName)
                .filter(rule -> rule.startsWith("AwsSolutions-IAM5"))
                .toList();
    }
}
