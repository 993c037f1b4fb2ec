package broker.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

class AwsClientsTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-example"));

    @Test
    void sts_withLambdaBudget_boundsEveryCallAndAttempt() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), AwsClients.Connection.of("eu-central-1", null, CREDENTIALS))) {
            ClientOverrideConfiguration config = sts.serviceClientConfiguration().overrideConfiguration();

            assertThat(config.apiCallTimeout()).contains(Duration.ofSeconds(6));
            assertThat(config.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
            assertThat(config.retryStrategy()).hasValueSatisfying(
                    strategy -> assertThat(strategy.maxAttempts()).isEqualTo(3));
        }
    }

    @Test
    void sts_withoutEndpointOverride_usesTheRegionalStsEndpoint() {
        try (StsClient sts = AwsClients.client(StsClient.builder(), AwsClients.Connection.of("eu-central-1", null, CREDENTIALS))) {
            Region region = sts.serviceClientConfiguration().region();
            StsEndpointProvider endpoints = (StsEndpointProvider) sts.serviceClientConfiguration().endpointProvider()
                    .orElseThrow();

            Endpoint endpoint = endpoints.resolveEndpoint(StsEndpointParams.builder().region(region).build()).join();

            assertThat(sts.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(endpoint.url()).hasToString("https://sts.eu-central-1.amazonaws.com");
        }
    }

    @ParameterizedTest
    @CsvSource({"eu-central-1, https://iam.amazonaws.com", "us-east-1, https://iam.amazonaws.com",
            "cn-north-1, https://iam.cn-north-1.amazonaws.com.cn", "us-gov-west-1, https://iam.us-gov.amazonaws.com"})
    void iam_inAnyRegion_usesThePartitionsGlobalIamEndpoint(String region, String url) {
        try (IamClient iam = AwsClients.client(IamClient.builder(), AwsClients.Connection.of(region, null, CREDENTIALS))) {
            IamEndpointProvider endpoints = (IamEndpointProvider) iam.serviceClientConfiguration().endpointProvider()
                    .orElseThrow();

            Endpoint endpoint = endpoints.resolveEndpoint(IamEndpointParams.builder()
                    .region(iam.serviceClientConfiguration().region()).build()).join();

            assertThat(iam.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(endpoint.url()).hasToString(url);
            assertThat(iam.serviceClientConfiguration().overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(6));
        }
    }

    @Test
    void clientBudget_attemptLongerThanCall_isRejected() {
        assertThatThrownBy(() -> new ClientBudget(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiCallAttemptTimeout");
    }

    /** The Lambda package carries only the URLConnection client: the SDK must not find another one to load. */
    @ParameterizedTest
    @ValueSource(strings = {
            "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.apache5.Apache5HttpClient",
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"})
    void classpath_ofTheLambdaModule_hasNoOtherSdkHttpClient(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }
}
