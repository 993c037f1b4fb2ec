package broker.lambda.aws;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients a broker function uses, once per function instance: explicit region, the
 * URLConnection HTTP client (no Netty or Apache jars in the Lambda package), and a bounded time budget.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /** An STS client with the {@link ClientBudget#LAMBDA} budget. */
    public static StsClient sts(String region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return sts(region, endpointOverride, credentials, ClientBudget.LAMBDA);
    }

    /**
     * An STS client for the regional endpoint of {@code region} (never the global one: a regional endpoint keeps
     * working when us-east-1 does not, and its session tokens are valid in every region).
     *
     * @param region           the broker's own region
     * @param endpointOverride another endpoint (local broker, tests), or null for the regional endpoint
     * @param credentials      the function's own credentials
     * @param budget           timeouts and retries
     */
    public static StsClient sts(String region, URI endpointOverride, AwsCredentialsProvider credentials,
                                ClientBudget budget) {
        return build(StsClient.builder(), region, endpointOverride, credentials, budget);
    }

    /** An IAM client with the {@link ClientBudget#LAMBDA} budget. */
    public static IamClient iam(String region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return iam(region, endpointOverride, credentials, ClientBudget.LAMBDA);
    }

    /**
     * An IAM client. IAM is a global service with one endpoint per partition; the SDK's endpoint rules pick it
     * (and the signing region) from the broker's own region, so the same region setting serves {@code aws},
     * {@code aws-cn} and {@code aws-us-gov}.
     *
     * @param region           the broker's own region
     * @param endpointOverride another endpoint (local broker, tests), or null for the partition's IAM endpoint
     * @param credentials      the function's own credentials
     * @param budget           timeouts and retries
     */
    public static IamClient iam(String region, URI endpointOverride, AwsCredentialsProvider credentials,
                                ClientBudget budget) {
        return build(IamClient.builder(), region, endpointOverride, credentials, budget);
    }

    /** A Bedrock control-plane client with the {@link ClientBudget#LAMBDA} budget. */
    public static BedrockClient bedrock(String region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return bedrock(region, endpointOverride, credentials, ClientBudget.LAMBDA);
    }

    /**
     * A Bedrock control-plane client ({@code bedrock.<region>.amazonaws.com}: ListFoundationModels,
     * ListInferenceProfiles) for one region: what Bedrock offers is per region, so the catalog has one per region.
     *
     * @param region           the region whose catalog it reads
     * @param endpointOverride another endpoint (local broker, tests), or null for the regional endpoint
     * @param credentials      the function's own credentials
     * @param budget           timeouts and retries
     */
    public static BedrockClient bedrock(String region, URI endpointOverride, AwsCredentialsProvider credentials,
                                        ClientBudget budget) {
        return build(BedrockClient.builder(), region, endpointOverride, credentials, budget);
    }

    /** Every client the same way: explicit region and credentials, the URLConnection client, the time budget. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, URI endpointOverride, AwsCredentialsProvider credentials, ClientBudget budget) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(budget, "budget");
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(budget.connectTimeout())
                        .socketTimeout(budget.socketTimeout()))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(budget.apiCallTimeout())
                        .apiCallAttemptTimeout(budget.apiCallAttemptTimeout())
                        .retryStrategy(budget.retryStrategy()));
        if (endpointOverride != null) builder.endpointOverride(endpointOverride);
        return builder.build();
    }
}
