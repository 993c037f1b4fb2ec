package broker.lambda.handler;

/**
 * The admin function: {@code GET /v1/admin/users/{user}/api-keys}, {@code DELETE /v1/admin/users/{user}/api-keys/{id}},
 * {@code POST /v1/admin/users/{user}/revoke-sessions}; for members of the entitlements' admin groups.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class AdminHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public AdminHandler() {
        super(KeysJarParts::admin);
    }

    /** Local broker and tests. */
    public AdminHandler(FunctionParts parts) {
        super(parts);
    }
}
