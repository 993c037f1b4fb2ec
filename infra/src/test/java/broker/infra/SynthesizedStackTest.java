package broker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import broker.infra.config.StackConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * One synth of a stack configuration, shared by every test of the class, and what every configuration must pass: no
 * cdk-nag finding (the synth runs the plugin {@link InfraApp#compose} adds) and a template `cdk synth` writes the same
 * way every run. Subclasses say which configuration and test the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SynthesizedStackTest {
    App app;
    BrokerStack stack;
    Template template;
    TemplateJson json;

    /** The configuration under test, its Lambda packages staged in {@code packages}. */
    abstract StackConfig config(Path packages);

    // A @TempDir parameter of @BeforeAll lives as long as the class; a field would be injected only before each test.
    @BeforeAll
    void synth(@TempDir Path packages) {
        app = Fixtures.app();
        stack = InfraApp.compose(app, config(packages));
        template = Template.fromStack(stack);
        json = new TemplateJson(template);
    }

    @Test
    void synth_hasNoCdkNagFindings() {
        assertThat(new AwsSolutionsChecks().validateScope(app).getViolations()).isEmpty();
    }

    @Test
    void everyMapWithSeveralKeys_isWrittenSorted_soSynthIsRepeatable() {
        assertThat(json.unsortedMaps()).isEmpty();
    }
}
