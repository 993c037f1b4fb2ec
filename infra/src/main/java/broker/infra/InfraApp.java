package broker.infra;

import broker.infra.config.ConfigException;
import broker.infra.config.StackConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;

/**
 * The CDK app: reads the context once into a {@link StackConfig}, builds the {@link BrokerStack} and checks it with
 * cdk-nag's AwsSolutions rules on every synth. A bad configuration stops here with one message, before any construct.
 */
public final class InfraApp {
    /** Where the Lambda package is staged, relative to the {@code infra} directory that cdk runs in. */
    static final Path STAGING_DIRECTORY = Path.of("target", "lambda-package");

    private InfraApp() {}

    public static void main(String[] args) {
        App app = new App();
        StackConfig config;
        try {
            config = StackConfig.fromContext(context(app), Path.of(""), STAGING_DIRECTORY);
        } catch (ConfigException e) {
            System.err.println("Bedrock Broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        compose(app, config);
        app.synth();
    }

    /** Adds the stack for this configuration, and the cdk-nag checks that every synth of the app runs. */
    public static BrokerStack compose(App app, StackConfig config) {
        Environment.Builder environment = Environment.builder();
        config.accountIfSet().ifPresent(environment::account);
        config.regionIfSet().ifPresent(environment::region);
        BrokerStack stack = new BrokerStack(app, config.stackName(), StackProps.builder()
                .env(environment.build())
                .description("Bedrock Broker: short-lived Amazon Bedrock credentials for signed-in users")
                .build(), config);
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        return stack;
    }

    /** The app's context values as strings; JSON arrays from cdk.json become comma-separated lists. */
    static Map<String, String> context(App app) {
        Map<String, String> values = new LinkedHashMap<>();
        for (StackConfig.Key key : StackConfig.Key.values()) {
            Object value = app.getNode().tryGetContext(key.contextKey());
            if (value instanceof List<?> list) {
                values.put(key.contextKey(), list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (value != null) {
                values.put(key.contextKey(), String.valueOf(value));
            }
        }
        return values;
    }
}
