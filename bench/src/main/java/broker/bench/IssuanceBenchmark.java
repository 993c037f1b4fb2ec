package broker.bench;

import broker.bench.lambda.LambdaFixtures;
import broker.bench.lambda.StsStub;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import broker.lambda.handler.CredentialsHandler;
import broker.lambda.handler.FunctionParts;
import broker.lambda.http.CredentialsRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import broker.lambda.wiring.CredentialsWiring.CredentialsPorts;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One issuance through the credentials routes (claims → entitlement → session policy → STS → response), warm.
 * {@link Mode#SampleTime} gives the latency distribution (p50, p99, p99.9).
 *
 * <ul>
 *   <li>{@code routesStubIssuer}: {@code CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(issuer, audit, clock))} with an in-process
 *   {@link CredentialIssuer} that answers at once and a silent audit log: the broker's own code.</li>
 *   <li>{@code handlerStubIssuer}: the same through {@link CredentialsHandler} with the real Powertools audit log and
 *   metrics (JSON lines written to a discarded stdout) and Powertools' Lambda-context logging.</li>
 *   <li>{@code handlerSdkInProcessSts}: the same with the real {@code StsClient} (endpoint rules, SigV4 signing, query
 *   marshalling, XML unmarshalling) on an SDK HTTP client that answers {@code AssumeRole} in-process (the one
 *   SnapStart priming uses): the "in-process stubbed STS" with the SDK's whole pipeline, no socket.</li>
 *   <li>{@code handlerSdkLoopbackSts}: the production wiring end to end, the real {@code StsClient} (signing,
 *   marshalling, URLConnection HTTP, XML parsing) against an STS stub on loopback that answers at once.</li>
 * </ul>
 * Forks run with {@code -XX:TieredStopAtLevel=1}, as the deployed functions' {@code JAVA_TOOL_OPTIONS}
 * ({@link FunctionBenchmark}).
 */
public class IssuanceBenchmark extends FunctionBenchmark {
    private CredentialsRoutes routes;
    private CredentialsHandler handler;
    private CredentialsHandler sdkHandler;
    private CredentialsHandler sdkInProcessHandler;
    private StsStub sts;
    private APIGatewayV2HTTPEvent event;
    private Context context;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        sts = StsStub.start();
        BrokerConfig config = BrokerConfig.fromEnvironment(
                LambdaFixtures.environment(LambdaFixtures.temporaryEntitlements(LambdaFixtures.ENTITLEMENTS),
                        sts.endpoint()));
        Clock clock = Clock.systemUTC();
        CredentialIssuer instant = command -> new StsOutcome.Assumed(new SessionCredentials("ASIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN",
                clock.instant().plus(command.duration())));
        routes = CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(instant, LambdaFixtures.SILENT_AUDIT, clock));
        handler = new CredentialsHandler(FunctionParts.local(CredentialsWiring.credentialsRoutes(config, CredentialsPorts.of(instant,
                broker.lambda.observability.PowertoolsAuditLog.forService(), clock))::handle));
        sdkHandler = new CredentialsHandler(FunctionParts.local(CredentialsWiring.credentialsFunction(config,
                LambdaFixtures.functionRole()).routes()::handle));
        var inProcessSts = broker.lambda.aws.AwsClients.client(software.amazon.awssdk.services.sts.StsClient.builder(), broker.lambda.aws.AwsClients.Connection.inProcess(config.region(),
                LambdaFixtures.functionRole(), broker.lambda.snapstart.PrimingHttpClient.sts(clock)));
        sdkInProcessHandler = new CredentialsHandler(FunctionParts.local(CredentialsWiring.credentialsRoutes(config,
                CredentialsPorts.of(new broker.lambda.aws.StsCredentialIssuer(inProcessSts, config.roleArn()),
                        broker.lambda.observability.PowertoolsAuditLog.forService(), clock))::handle));
        event = LambdaFixtures.credentialsEvent("bench-request");
        context = LambdaFixtures.context("bench-request");
        LambdaFixtures.checkIssued(routes.handle(event));
        LambdaFixtures.checkIssued(handler.handleRequest(event, context));
        LambdaFixtures.checkIssued(sdkHandler.handleRequest(event, context));
        LambdaFixtures.checkIssued(sdkInProcessHandler.handleRequest(event, context));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sts.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse routesStubIssuer() {
        return routes.handle(event);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse handlerStubIssuer() {
        return handler.handleRequest(event, context);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse handlerSdkInProcessSts() {
        return sdkInProcessHandler.handleRequest(event, context);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse handlerSdkLoopbackSts() {
        return sdkHandler.handleRequest(event, context);
    }
}
