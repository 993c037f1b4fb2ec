package broker.lambda.handler;

import broker.lambda.snapstart.ColdStartWarmUp;
import broker.lambda.snapstart.CredentialsPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.CredentialsWiring;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the credentials jar's API functions are made in the Lambda runtime: their routes over STS and Bedrock, the
 * priming plan SnapStart runs before the snapshot, and the model catalog renewed after a restore (the snapshot may be
 * days old). Only in that jar: it links against its SDK models.
 */
final class CredentialsJarParts {
    private CredentialsJarParts() {}

    /** The credentials function, built while a {@link ColdStartWarmUp} loads what its first request needs. */
    static FunctionParts credentials() {
        Map<String, String> env = System.getenv();
        return ColdStartWarmUp.during(() -> BrokerConfig.fromEnvironment(env), config -> {
            var function = CredentialsWiring.credentialsFunction(config, LambdaRuntime.role());
            return FunctionParts.lambda(function.routes()::handle, () -> CredentialsPriming.credentials(config),
                    function.afterRestore());
        });
    }

    static FunctionParts publicFunction(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider role) {
        var function = CredentialsWiring.publicFunction(config, role);
        return FunctionParts.lambda(function.routes()::handle, () -> CredentialsPriming.publicFunction(config),
                function.afterRestore());
    }
}
