package broker.lambda.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The Lambda {@link Context} of one local invocation; its logger writes to the server log (stderr). */
final class LocalContext implements Context {
    /** API Gateway gives up on an integration after 30 s. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MEMORY_MB = 1024;

    private final String requestId;
    private final String functionName;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    LocalContext(String requestId, String functionName, Clock clock, PrintStream log) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = clock.instant().plus(TIMEOUT);
        this.logger = new StreamLogger(log);
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:" + ApiGatewayEvents.ACCOUNT_ID + ":function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return MEMORY_MB; }
    @Override public LambdaLogger getLogger() { return logger; }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    private record StreamLogger(PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
