package broker.infra.construct;

import broker.contract.BrokerFunction;
import broker.contract.LambdaJar;
import broker.lambda.core.Require;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Every broker function, built the same way from a list of {@link FunctionSpec}s: Java 25 on arm64, SnapStart on
 * published versions behind the {@value #ALIAS} alias, its own log group with retention, active tracing, and its own
 * role whose inline policies allow writing to that log group and nothing else. Permissions a function needs beyond
 * that are attached to {@link #role(BrokerFunction)} by the construct that owns the resource.
 */
public final class Functions extends Construct {
    /** The alias API Gateway invokes: always the latest published (and so SnapStart-snapshotted) version. */
    public static final String ALIAS = "live";

    /**
     * @param code          each Lambda jar's staged package (a function deploys its spec's jar)
     * @param specs         the functions to build
     * @param environment   environment of every function
     * @param logRetention  retention of each function's log group
     * @param removalPolicy what happens to the log groups when the stack is deleted
     */
    public record Props(Map<LambdaJar, Code> code, List<FunctionSpec> specs, Map<String, String> environment,
                        RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            code = Map.copyOf(code);
            specs = List.copyOf(specs);
            environment = Map.copyOf(environment);
            Require.nonNull("logRetention removalPolicy", logRetention, removalPolicy);
        }
    }

    /** One built function and what other constructs need of it. */
    public record Deployed(FunctionSpec spec, Function function, Alias alias, Role role, LogGroup logGroup) {}

    private final Map<BrokerFunction, Deployed> deployed = new LinkedHashMap<>();

    public Functions(Construct scope, String id, Props props) {
        super(scope, id);
        for (FunctionSpec spec : props.specs()) {
            if (deployed.containsKey(spec.function())) {
                throw new IllegalArgumentException("duplicate function " + spec.function().id());
            }
            deployed.put(spec.function(), build(new Construct(this, spec.function().id()), spec, props));
        }
    }

    private static Deployed build(Construct scope, FunctionSpec spec, Props props) {
        LogGroup logGroup = LogGroup.Builder.create(scope, "LogGroup")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        inline.put("Logs", PolicyDocument.Builder.create()
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        // The log group's Arn attribute ends in ":*", which covers its log streams.
                        .resources(List.of(logGroup.getLogGroupArn()))
                        .build()))
                .build());
        if (!spec.resourcelessActions().isEmpty()) {
            inline.put("Resourceless", PolicyDocument.Builder.create()
                    .statements(List.of(PolicyStatement.Builder.create()
                            .actions(spec.resourcelessActions())
                            .resources(List.of("*"))
                            .build()))
                    .build());
        }
        Role role = Role.Builder.create(scope, "Role")
                .description("Bedrock Broker " + spec.function().id() + " function")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(inline)
                .build();
        if (!spec.resourcelessActions().isEmpty()) {
            NagFinding.acknowledge(role, "AwsSolutions-IAM5", "Resource::*", spec.resourcelessActions()
                    + " have no resource type in the Service Authorization Reference: the resource must be *.");
        }
        Policy tracing = Policy.Builder.create(scope, "TracingPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                        // X-Ray's write actions support no resource-level permissions: "*" is the only resource.
                        .resources(List.of("*"))
                        .build()))
                .build();
        NagFinding.acknowledge(tracing, "AwsSolutions-IAM5", "Resource::*",
                "This policy holds only xray:PutTraceSegments and xray:PutTelemetryRecords, which support no "
                        + "resource-level permissions (Resource must be *); needed for active tracing.");

        Function.Builder builder = Function.Builder.create(scope, "Function")
                .description(spec.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(spec.function().handler())
                .code(props.code().get(spec.function().jar()))
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                // The role's policies are all declared here: CDK must not add a default policy to it.
                .role(role.withoutPolicyUpdates())
                .environment(props.environment())
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON);
        if (spec.reservedConcurrency() != null) builder.reservedConcurrentExecutions(spec.reservedConcurrency());
        Function function = builder.build();
        function.getNode().addDependency(tracing);
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "API Gateway invokes the '" + ALIAS + "' alias of the published version, never $LATEST.");
        Alias alias = Alias.Builder.create(scope, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        return new Deployed(spec, function, alias, role, logGroup);
    }

    /** The built functions, in spec order. */
    public List<Deployed> all() {
        return List.copyOf(deployed.values());
    }

    /** The role of one function, to attach the permissions that function needs beyond logging. */
    public Role role(BrokerFunction function) {
        return get(function).role();
    }

    /** Adds one variable to every function's environment (for values known only after the functions exist). */
    public void addEnvironment(String key, String value) {
        deployed.values().forEach(d -> d.function().addEnvironment(key, value));
    }

    /** Adds one variable to the environment of these functions only. */
    public void addEnvironment(List<BrokerFunction> functions, String key, String value) {
        functions.forEach(function -> get(function).function().addEnvironment(key, value));
    }

    /** One built function. */
    public Deployed get(BrokerFunction function) {
        Deployed d = deployed.get(function);
        if (d == null) throw new IllegalArgumentException("no function " + function.id());
        return d;
    }
}
