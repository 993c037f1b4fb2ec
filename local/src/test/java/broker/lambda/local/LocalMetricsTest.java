package broker.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

class LocalMetricsTest {

    @Test
    void preferLocal_noEnvironmentChosen_choosesLocalSoEmfProbesNoMetadataEndpoint() {
        Configuration config = new Configuration();

        assertThat(LocalMetrics.preferLocal(config)).isEqualTo(Environments.Local);
        assertThat(config.getEnvironmentOverride()).isEqualTo(Environments.Local);
    }

    @Test
    void preferLocal_environmentChosenByTheUser_keepsIt() {
        Configuration config = new Configuration();
        config.setEnvironmentOverride(Environments.Agent);

        assertThat(LocalMetrics.preferLocal(config)).isEqualTo(Environments.Agent);
    }

    @Test
    void preferLocal_noServiceNameChosen_namesTheBrokerSoEmfDoesNotWarnOnEveryFlush() {
        Configuration config = new Configuration();

        LocalMetrics.preferLocal(config);

        assertThat(config.getServiceName()).contains("bedrock-broker");
    }

    @Test
    void preferLocal_serviceNameChosenByTheUser_keepsIt() {
        Configuration config = new Configuration();
        config.setServiceName("my-broker");

        LocalMetrics.preferLocal(config);

        assertThat(config.getServiceName()).contains("my-broker");
    }
}
