package broker.lambda.handler;

/**
 * The credentials function: {@code GET /v1/me}, {@code GET /v1/models}, {@code POST /v1/credentials},
 * {@code POST /v1/bearer-tokens}. Adapts; never decides. With SnapStart, primes the whole issuance path before
 * the snapshot, and distrusts the model catalog after a restore (the snapshot may be days old).
 */
public class CredentialsHandler extends SnapStartFunction {

    /** Lambda runtime: built while a {@code ColdStartWarmUp} loads what the first request needs. */
    public CredentialsHandler() {
        super(CredentialsJarParts.credentials());
    }

    /** Local broker and tests. */
    public CredentialsHandler(FunctionParts parts) {
        super(parts);
    }
}
