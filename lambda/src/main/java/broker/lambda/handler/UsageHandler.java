package broker.lambda.handler;

/**
 * The usage function: {@code GET /v1/usage} and {@code GET /v1/admin/usage}, read from the usage ledger.
 * Adapts; never decides. With SnapStart, primes both routes over an in-process DynamoDB before the snapshot.
 */
public class UsageHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public UsageHandler() {
        super(KeysJarParts::usage);
    }

    /** Local broker and tests. */
    public UsageHandler(FunctionParts parts) {
        super(parts);
    }
}
