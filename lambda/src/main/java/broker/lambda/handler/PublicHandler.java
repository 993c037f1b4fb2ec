package broker.lambda.handler;

/**
 * The public function: {@code GET /v1/client-config}, {@code GET /v1/openapi.json} and the onboarding page
 * ({@code GET /portal}); no JWT needed. Adapts; never decides. With SnapStart, primes its routes before the snapshot,
 * and distrusts the model catalog (behind the client-config's recommended models) after a restore.
 */
public class PublicHandler extends SnapStartFunction {

    /** Lambda runtime: configuration from the environment, credentials from the function's role. */
    public PublicHandler() {
        super(CredentialsJarParts::publicFunction);
    }

    /** Local broker and tests. */
    public PublicHandler(FunctionParts parts) {
        super(parts);
    }
}
