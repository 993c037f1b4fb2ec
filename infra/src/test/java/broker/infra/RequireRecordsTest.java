package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.infra.config.IdentityConfig;
import broker.infra.config.StackConfig;
import broker.infra.construct.ApiAlarms;
import broker.infra.construct.ApiKeyUsers;
import broker.infra.construct.BrokerApi;
import broker.infra.construct.BudgetEnforcement;
import broker.infra.construct.FunctionSpec;
import broker.infra.construct.Functions;
import broker.infra.construct.InvocationLogging;
import broker.infra.construct.KeyReconciliation;
import broker.infra.construct.UserRole;
import broker.lambda.core.Require;
import broker.lambda.testing.RequireChecks;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every infra record that checks its components with {@link Require#nonNull} names them right: built with one
 * component null at a time, a {@link NullPointerException} from {@code Require} names that component (a names string
 * that drifted from the components after a rename or a reorder fails here), as the lambda module's
 * {@code RequireRecordsTest} checks its own records.
 */
class RequireRecordsTest {
    @TempDir
    static Path packageDirectory;

    static List<Record> samples() {
        StackConfig config = Fixtures.cognito(Fixtures.lambdaPackages(packageDirectory));
        Stack stack = new Stack(new App(), "RequireRecords");
        IRole role = (IRole) Proxy.newProxyInstance(IRole.class.getClassLoader(), new Class<?>[] {IRole.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        FunctionSpec spec = FunctionSpec.broker().getFirst();
        var deployed = new Functions.Deployed(spec, null, null, null, null);
        return List.of(
                config,
                config.client(),
                config.entitlements(),
                new IdentityConfig.ExternalIssuer(Fixtures.ISSUER, Fixtures.CLIENT_ID, List.of(Fixtures.CLIENT_ID)),
                spec,
                new Functions.Props(Map.of(), List.of(spec), Map.of(), RetentionDays.ONE_DAY, RemovalPolicy.DESTROY),
                new InvocationLogging.Props(deployed, config.stackName(), RetentionDays.ONE_DAY, RemovalPolicy.DESTROY),
                new KeyReconciliation.Props(deployed, config.iamUserPath()),
                new BudgetEnforcement.Props(role, deployed, config.iamUserPath()),
                new ApiKeyUsers.Props(config.iamUserPath(), Fixtures.KEY_USER_BOUNDARY_POLICY, 0, role, role,
                        RemovalPolicy.DESTROY, List.of()),
                new UserRole.Props(role, Fixtures.CEILING_POLICY, List.of()),
                new ApiAlarms.Props(new HttpApi(stack, "Api"), new LogGroup(stack, "AccessLogs")),
                new BrokerApi.Props(Fixtures.ISSUER, List.of(Fixtures.CLIENT_ID), List.of(), List.of(),
                        StackConfig.DEFAULT_THROTTLING, RetentionDays.ONE_DAY, RemovalPolicy.DESTROY));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aMissingComponentIsNamed(Record sample) throws Exception {
        RequireChecks.assertMissingComponentsAreNamed(sample);
    }

    @Test
    void everyCallerIsSampled() throws Exception {
        assertThat(RequireChecks.sourceFilesOf(samples())).isEqualTo(RequireChecks.callers(Path.of("src/main/java")));
    }

}
