package broker.bench.lambda;

import broker.lambda.handler.AdminHandler;
import broker.lambda.handler.ApiKeysHandler;
import broker.lambda.handler.CredentialsHandler;
import broker.lambda.handler.PublicHandler;
import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.snapstart.KeysPriming;
import broker.lambda.wiring.BrokerConfig;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Runs in a fresh JVM on the shaded Lambda jar: builds the credentials function as the Lambda runtime does (its
 * no-argument constructor reads the environment) and answers {@code POST /v1/credentials} twice. Prints
 * {@code BENCH-FIRST status=200 cpuMs=…} (CPU time of all threads so far) on stderr as soon as the first answer is there (the parent measures from the
 * process start to that line), then {@code BENCH status=… initMs=… primeMs=… firstMs=… secondMs=…}.
 *
 * <p>Modes: {@code init} (construct, answer), {@code primed} (construct, run the SnapStart priming hook
 * {@code beforeCheckpoint} as a snapshot would, then answer: the first request after a restore, roughly).
 */
public final class InitLauncher {
    private InitLauncher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("smoke-credentials")) {
            smokeCredentials();
            return;
        }
        if (args.length > 0 && args[0].equals("smoke-keys")) {
            smokeKeys();
            return;
        }
        boolean primed = args.length > 0 && args[0].equals("primed");
        long t0 = System.nanoTime();
        var handler = new CredentialsHandler();
        long t1 = System.nanoTime();
        if (primed) {
            handler.beforeCheckpoint(null);
        }
        // The event and context are built before the mark: the bench's own classes are not the request's.
        var event = LambdaFixtures.credentialsEvent("bench-1");
        var context = LambdaFixtures.context("bench-1");
        FirstRequestStart.mark();
        long t2 = System.nanoTime();
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, context);
        long t3 = System.nanoTime();
        FirstRequestEnd.mark();
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        System.err.println("BENCH-FIRST status=" + first.getStatusCode() + " cpuMs=" + cpu);
        System.err.flush();
        APIGatewayV2HTTPResponse second = handler.handleRequest(LambdaFixtures.credentialsEvent("bench-2"),
                LambdaFixtures.context("bench-2"));
        long t4 = System.nanoTime();
        System.err.println("BENCH status=" + first.getStatusCode() + " secondStatus=" + second.getStatusCode()
                + " initMs=" + ms(t1 - t0) + " primeMs=" + ms(t2 - t1) + " firstMs=" + ms(t3 - t2) + " secondMs=" + ms(t4 - t3));
        System.err.flush();
    }

    /**
     * The credentials and public functions of the credentials jar as Lambda builds them, the credentials priming (all
     * its routes, against in-process stubs), the public function's priming, and one real issuance through the SDK:
     * {@code SMOKE credentials=[…] primePublic=[…] public=200 issuance=200}.
     */
    private static void smokeCredentials() {
        BrokerConfig config = BrokerConfig.fromEnvironment(System.getenv());
        var credentials = new CredentialsHandler();
        var publicHandler = new PublicHandler();
        System.err.println("SMOKE credentials=" + CredentialsPriming.credentials(config).run() + " primePublic=" + CredentialsPriming.publicFunction(config).run()
                + " public=" + publicHandler.handleRequest(LambdaFixtures.clientConfigEvent(), LambdaFixtures.context("p")).getStatusCode()
                + " issuance=" + credentials.handleRequest(LambdaFixtures.credentialsEvent("s"), LambdaFixtures.context("s")).getStatusCode());
    }

    /** The API-keys and admin functions of the keys jar: their constructors and their priming. */
    private static void smokeKeys() {
        BrokerConfig config = BrokerConfig.fromEnvironment(System.getenv());
        new ApiKeysHandler();
        new AdminHandler();
        System.err.println("SMOKE apiKeys=" + KeysPriming.apiKeys(config).run() + " admin=" + KeysPriming.admin(config).run());
    }

    /** Loaded right before the first request: in a {@code -Xlog:class+load} log, the classes after it are its own. */
    static final class FirstRequestStart {
        static void mark() {
        }
    }

    /** Loaded right after the first request. */
    static final class FirstRequestEnd {
        static void mark() {
        }
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
