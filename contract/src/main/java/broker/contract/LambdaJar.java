package broker.contract;

import java.util.Locale;

/**
 * The Lambda jars the lambda module builds, one per pair of functions, so that each function carries only the AWS SDK
 * models it calls (the IAM and Bedrock control-plane models are 3-4 MB each). The lambda module's shade executions
 * name their {@code finalName} after {@link #fileName()} ({@code LambdaJarNamesTest} pins it).
 */
public enum LambdaJar {
    /** The credentials and public functions: STS and the Bedrock control plane (the model catalog). */
    CREDENTIALS,
    /** The API-keys and admin functions: IAM. */
    KEYS;

    /** The local broker's runnable jar, built by the local module. */
    public static final String LOCAL_BROKER = "bedrock-broker-local.jar";

    /** The staging subdirectory of this jar's package: {@code credentials}, {@code keys}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The jar's file name, in the lambda module's {@code target} directory and in the package's {@code lib}. */
    public String fileName() {
        return "bedrock-broker-lambda-" + id() + ".jar";
    }
}
