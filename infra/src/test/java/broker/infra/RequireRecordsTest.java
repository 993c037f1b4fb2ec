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
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Constructor<?> canonical = sample.getClass().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        List<String> named = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) continue;
            Object[] arguments = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                components[j].getAccessor().setAccessible(true);
                arguments[j] = i == j ? null : components[j].getAccessor().invoke(sample);
            }
            try {
                canonical.newInstance(arguments);
            } catch (InvocationTargetException e) {
                // Null allowed, refused by a copy (List.copyOf) or another check, or refused by Require by name.
                if (e.getCause() instanceof NullPointerException npe && fromRequire(npe)) {
                    assertThat(npe.getMessage()).as(components[i].getName()).isEqualTo(components[i].getName());
                    named.add(npe.getMessage());
                }
            }
        }
        assertThat(named).isNotEmpty();
    }

    @Test
    void everyCallerIsSampled() throws Exception {
        Set<String> sampled = new TreeSet<>();
        for (Record sample : samples()) {
            Class<?> type = sample.getClass();
            while (type.getEnclosingClass() != null) type = type.getEnclosingClass();
            sampled.add(type.getName().replace('.', '/') + ".java");
        }
        assertThat(sampled).isEqualTo(callers());
    }

    private static boolean fromRequire(Throwable e) {
        return e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().equals(Require.class.getName());
    }

    /** The main source files that call {@link Require#nonNull}. */
    private static Set<String> callers() throws IOException {
        Path root = Path.of("src/main/java");
        Set<String> callers = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("Require.nonNull(")) {
                    callers.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return callers;
    }
}
