package broker.lambda.handler;

import broker.lambda.snapstart.KeysPriming;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.KeysWiring;
import broker.lambda.wiring.UsageWiring;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the keys jar's API functions are made in the Lambda runtime: their routes over IAM and DynamoDB, and the
 * priming plan SnapStart runs before the snapshot (over in-process answers); nothing of theirs goes stale in a
 * snapshot. Only in that jar: it links against its SDK models.
 */
final class KeysJarParts {
    private KeysJarParts() {}

    static FunctionParts apiKeys(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider role) {
        return FunctionParts.lambda(KeysWiring.apiKeysRoutes(config, role)::handle, () -> KeysPriming.apiKeys(config),
                FunctionParts.NOTHING);
    }

    static FunctionParts admin(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider role) {
        return FunctionParts.lambda(KeysWiring.adminRoutes(config, role)::handle, () -> KeysPriming.admin(config),
                FunctionParts.NOTHING);
    }

    static FunctionParts usage(BrokerConfig config, Map<String, String> env, AwsCredentialsProvider role) {
        return FunctionParts.lambda(UsageWiring.usageRoutes(config, env, role)::handle, () -> KeysPriming.usage(config),
                FunctionParts.NOTHING);
    }
}
