package broker.lambda.handler;

import broker.lambda.http.AdminRoutes;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The admin function: {@code GET /v1/admin/users/{user}/api-keys}, {@code DELETE /v1/admin/users/{user}/api-keys/{id}},
 * {@code POST /v1/admin/users/{user}/revoke-sessions}; for members of the entitlements' admin groups.
 * Adapts; never decides. With SnapStart, primes every route before the snapshot.
 */
public class AdminHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public AdminHandler() {
        this(BrokerConfig.fromEnvironment(System.getenv()));
    }

    private AdminHandler(BrokerConfig config) {
        super(Wiring.adminRoutes(config, EnvironmentVariableCredentialsProvider.create())::handle,
                () -> Wiring.primeAdmin(config), NOTHING, true);
    }

    /** Local broker and tests. */
    public AdminHandler(AdminRoutes routes) {
        super(routes::handle, NOTHING, NOTHING, false);
    }
}
