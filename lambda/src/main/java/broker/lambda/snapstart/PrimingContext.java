package broker.lambda.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.Map;

/**
 * The Lambda context of SnapStart priming's requests: the function's own names (from the runtime's environment) and
 * the request id {@code snapstart-priming}, which Powertools puts on every line priming logs.
 */
record PrimingContext(String functionName, String functionVersion, int memoryMb) implements Context {
    static final String REQUEST_ID = "snapstart-priming";

    static PrimingContext fromEnvironment(Map<String, String> env) {
        String memory = env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "");
        return new PrimingContext(env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bedrock-broker"),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                memory.matches("\\d{1,6}") ? Integer.parseInt(memory) : 0);
    }

    @Override
    public String getAwsRequestId() {
        return REQUEST_ID;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return REQUEST_ID;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return Silent.LOGGER;
    }

    /** Priming writes nothing through the runtime's logger. */
    private static final class Silent implements LambdaLogger {
        static final Silent LOGGER = new Silent();

        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    }
}
