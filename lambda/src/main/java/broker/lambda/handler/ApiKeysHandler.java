package broker.lambda.handler;

/**
 * The API-keys function: {@code POST /v1/api-keys}, {@code GET /v1/api-keys}, {@code DELETE /v1/api-keys/{id}}.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class ApiKeysHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public ApiKeysHandler() {
        super(KeysJarParts::apiKeys);
    }

    /** Local broker and tests. */
    public ApiKeysHandler(FunctionParts parts) {
        super(parts);
    }
}
