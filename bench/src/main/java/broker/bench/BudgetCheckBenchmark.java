package broker.bench;

import broker.bench.lambda.DynamoStub;
import broker.bench.lambda.LambdaFixtures;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.DynamoDbBudgetStore;
import broker.lambda.aws.StsCredentialIssuer;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.http.CredentialsRoutes;
import broker.lambda.snapstart.PrimingHttpClient;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the budget check adds to a warm issuance (issue 19: ≤ 5 ms p99). Every variant is the credentials routes with
 * the real {@code StsClient} on an in-process STS (as {@link IssuanceBenchmark#handlerSdkInProcessSts}), and a caller
 * whose profile has a daily and a monthly cap:
 * <ul>
 *   <li>{@code withoutBudget}: budgets off (no read), the baseline;</li>
 *   <li>{@code withBudgetInProcessDynamo}: the check's one {@code BatchGetItem} through the real {@code DynamoDbClient}
 *   (endpoint rules, SigV4, JSON marshalling and unmarshalling of the two total rows) on an in-process answer: the
 *   broker's own cost of the check;</li>
 *   <li>{@code withBudgetLoopbackDynamo}: the same over a loopback socket (URLConnection HTTP client, as in Lambda).</li>
 * </ul>
 * The difference of p99s is the check's cost on this machine; in AWS add the DynamoDB round trip inside the region
 * (single-digit milliseconds for a consistent {@code BatchGetItem} of three small items).
 */
public class BudgetCheckBenchmark extends FunctionBenchmark {
    /** The bench's entitlements with caps on the default and the developers profile (the most generous applies). */
    static final String BUDGETED_ENTITLEMENTS = LambdaFixtures.ENTITLEMENTS
            .replaceFirst("\"default\": \\{", "\"default\": {\"budget\": {\"dailyUsd\": 5},")
            .replaceFirst("\"developers\": \\{", "\"developers\": {\"budget\": {\"dailyUsd\": 20, \"monthlyUsd\": 300},");

    private CredentialsRoutes withoutBudget;
    private CredentialsRoutes inProcessDynamo;
    private CredentialsRoutes loopbackDynamo;
    private DynamoStub dynamo;
    private APIGatewayV2HTTPEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path entitlements = LambdaFixtures.temporaryEntitlements(BUDGETED_ENTITLEMENTS);
        dynamo = DynamoStub.start();
        BrokerConfig config = BrokerConfig.fromEnvironment(LambdaFixtures.environment(entitlements, dynamo.endpoint()));
        if (config.entitlements().budgetFor(java.util.List.of("developers")).unlimited()) {
            throw new IllegalStateException("the bench's developers profile has no budget");
        }
        Clock clock = Clock.systemUTC();
        var credentials = LambdaFixtures.functionRole();
        StsClient sts = AwsClients.client(StsClient.builder(),
                AwsClients.Connection.inProcess(config.region(), credentials, PrimingHttpClient.sts(clock)));
        CredentialsPorts ports = CredentialsPorts.of(new StsCredentialIssuer(sts, config.roleArn()),
                LambdaFixtures.SILENT_AUDIT, clock);
        DynamoDbClient inProcess = AwsClients.client(DynamoDbClient.builder(),
                AwsClients.Connection.inProcess(config.region(), credentials, DynamoStub.inProcess()));
        DynamoDbClient loopback = AwsClients.client(DynamoDbClient.builder(),
                AwsClients.Connection.of(config.region(), dynamo.endpoint(), credentials));
        withoutBudget = CredentialsWiring.credentialsRoutes(config, ports);
        inProcessDynamo = CredentialsWiring.credentialsRoutes(config, ports.withBudgets(
                new BudgetGate(config.entitlements(), new DynamoDbBudgetStore(inProcess, "bench-state", clock), clock)));
        loopbackDynamo = CredentialsWiring.credentialsRoutes(config, ports.withBudgets(
                new BudgetGate(config.entitlements(), new DynamoDbBudgetStore(loopback, "bench-state", clock), clock)));
        event = LambdaFixtures.credentialsEvent("bench-request");
        LambdaFixtures.checkIssued(withoutBudget.handle(event));
        LambdaFixtures.checkIssued(inProcessDynamo.handle(event));
        LambdaFixtures.checkIssued(loopbackDynamo.handle(event));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dynamo.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse withoutBudget() {
        return withoutBudget.handle(event);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse withBudgetInProcessDynamo() {
        return inProcessDynamo.handle(event);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse withBudgetLoopbackDynamo() {
        return loopbackDynamo.handle(event);
    }
}
