package broker.lambda.handler;

import broker.lambda.wiring.BrokerConfig;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * What a function is built from in the Lambda runtime: its environment, the configuration parsed from it, and its
 * role's credentials (read from the environment, which Lambda renews, also after a SnapStart restore).
 */
final class LambdaRuntime {
    private LambdaRuntime() {}

    /** Builds a function, or the part of it that the Lambda runtime's environment decides. */
    @FunctionalInterface
    interface Wiring<T> {
        T build(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider role);
    }

    static <T> T build(Wiring<T> wiring) {
        Map<String, String> env = System.getenv();
        return wiring.build(BrokerConfig.fromEnvironment(env), env, role());
    }

    static AwsCredentialsProvider role() {
        return EnvironmentVariableCredentialsProvider.create();
    }
}
