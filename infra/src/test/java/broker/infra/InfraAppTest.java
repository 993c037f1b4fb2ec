package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.infra.config.StackConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;

class InfraAppTest {

    @Test
    void context_readsOnlyTheAppsKeysAsStringsWithListsCommaSeparated() {
        App app = App.Builder.create().context(Map.of(
                "redirectPorts", List.of(50001, 50002),
                "throttlingRateLimit", 7,
                "issuer", "https://login.example.com",
                "@aws-cdk/core:someFeatureFlag", true)).build();
        assertThat(InfraApp.context(app)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "redirectPorts", "50001,50002",
                "throttlingRateLimit", "7",
                "issuer", "https://login.example.com"));
    }

    /** What `cdk synth` runs with cdk.json's context: the shipped entitlements, offline, cdk-nag clean. */
    @Test
    void synth_ofTheShippedConfiguration_succeedsCleanly(@TempDir Path dir) {
        App app = Fixtures.app();
        StackConfig config = StackConfig.fromContext(
                Map.of("lambdaDirectory", Fixtures.fakeJars(dir).toString()), Path.of(""), dir.resolve("package"));
        InfraApp.compose(app, config);
        CloudAssembly assembly = app.synth();
        assertThat(assembly.getStackByName("BedrockBroker").getTemplate()).isNotNull();
        assertThat(new AwsSolutionsChecks().validateScope(app).getViolations()).isEmpty();
    }

    /**
     * cdk.json's context as `cdk synth` passes it, with the feature flags a new CDK app gets (docs/deploy.md): the
     * stack still synthesizes cdk-nag clean with every one of them set.
     */
    @Test
    @SuppressWarnings("unchecked")
    void synth_withCdkJsonsContextAndFeatureFlags_succeedsCleanly(@TempDir Path dir) throws Exception {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
        Map<String, Object> context = new java.util.HashMap<>((Map<String, Object>) cdkJson.get("context"));
        assertThat(context.keySet().stream().filter(k -> k.startsWith("@aws-cdk"))).hasSizeGreaterThan(80);
        context.put("lambdaDirectory", Fixtures.fakeJars(dir).toString());
        App app = App.Builder.create().context(context).build();

        StackConfig config = StackConfig.fromContext(InfraApp.context(app), Path.of(""), dir.resolve("package"));
        InfraApp.compose(app, config);
        CloudAssembly assembly = app.synth();

        assertThat(assembly.getStackByName("BedrockBroker").getTemplate()).isNotNull();
        assertThat(new AwsSolutionsChecks().validateScope(app).getViolations()).isEmpty();
    }
}
