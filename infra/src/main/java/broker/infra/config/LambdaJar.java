package broker.infra.config;

/**
 * The Lambda jars the lambda module builds, one per pair of functions, so that each function carries only the AWS SDK
 * models it calls (the IAM and Bedrock control-plane models are 3-4 MB each).
 */
public enum LambdaJar {
    /** The credentials and public functions: STS and the Bedrock control plane (the model catalog). */
    CREDENTIALS("credentials", "bedrock-broker-lambda-credentials.jar"),
    /** The API-keys and admin functions: IAM. */
    KEYS("keys", "bedrock-broker-lambda-keys.jar");

    private final String id;
    private final String fileName;

    LambdaJar(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    /** The staging subdirectory of this jar's package. */
    public String id() {
        return id;
    }

    /** The jar's file name, in the lambda module's {@code target} directory and in the package's {@code lib}. */
    public String fileName() {
        return fileName;
    }
}
