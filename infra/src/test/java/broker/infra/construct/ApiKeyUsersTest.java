package broker.infra.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import broker.infra.Fixtures;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** The key users' construct on its own: its path rule and cdk-nag's view of its policies. No synth. */
class ApiKeyUsersTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/bedrock-broker/*/", "/bedrock-broker/users", "/a//b/", "/users?/"})
    void props_withPathThatIsNotOneOrMoreSegments_isRejected(String path) {
        Stack stack = new Stack(Fixtures.app(), "Test");
        assertThatThrownBy(() -> props(stack, path, Fixtures.KEY_USER_BOUNDARY_POLICY, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path);
    }

    @Test
    void props_withNegativeMaxKeyAge_isRejected() {
        Stack stack = new Stack(Fixtures.app(), "Test");
        assertThatThrownBy(() -> props(stack, "/keys/", Fixtures.KEY_USER_BOUNDARY_POLICY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxKeyAgeDays");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 365})
    void nag_withCustomPath_acknowledgesEachUserResourceAndTheBoundarysWildcards(int maxKeyAgeDays) {
        assertThat(iam5Findings("/platform/bedrock-keys/", Fixtures.KEY_USER_BOUNDARY_POLICY, maxKeyAgeDays)).isEmpty();
    }

    @Test
    void nag_withWildcardModelIdInBoundary_reportsIt() {
        String boundary = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel",\
                "Resource":"arn:%s:bedrock:us-*::foundation-model/anthropic.*"}]}"""
                .formatted(Aws.PARTITION);
        assertThat(iam5Findings("/keys/", boundary, 30)).containsExactly(
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:us-*::foundation-model/anthropic.*]");
    }

    private static ApiKeyUsers.Props props(Stack stack, String path, String boundary, int maxKeyAgeDays) {
        return new ApiKeyUsers.Props(path, boundary, maxKeyAgeDays, role(stack, "ApiKeysRole"),
                role(stack, "AdminRole"), RemovalPolicy.RETAIN);
    }

    private static Role role(Stack stack, String id) {
        return Role.Builder.create(stack, id).assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
    }

    private static List<String> iam5Findings(String path, String boundary, int maxKeyAgeDays) {
        Stack stack = new Stack(Fixtures.app(), "Test");
        new ApiKeyUsers(stack, "ApiKeyUsers", props(stack, path, boundary, maxKeyAgeDays));
        return new AwsSolutionsChecks().validateScope(stack).getViolations().stream()
                .map(PolicyViolation::getRuleName)
                .filter(rule -> rule.startsWith("AwsSolutions-IAM5"))
                .toList();
    }
}
