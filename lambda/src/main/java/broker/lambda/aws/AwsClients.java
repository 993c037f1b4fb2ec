package broker.lambda.aws;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
        return build(StsClient.builder(), region, endpointOverride, credentials, budget, null);
    }

    /**
     * For SnapStart priming: an STS client configured as {@link #sts(String, URI, AwsCredentialsProvider)}, but on
     * {@code http} (an in-process client), so that priming runs the same SDK pipeline without a network call.
     */
    public static StsClient sts(String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        return build(StsClient.builder(), region, null, credentials, ClientBudget.LAMBDA, Objects.requireNonNull(http, "http"));
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
        return build(IamClient.builder(), region, endpointOverride, credentials, budget, null);
    }

    /** For SnapStart priming: an IAM client configured as {@link #iam(String, URI, AwsCredentialsProvider)}, on {@code http}. */
    public static IamClient iam(String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        return build(IamClient.builder(), region, null, credentials, ClientBudget.LAMBDA, Objects.requireNonNull(http, "http"));
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
        return build(BedrockClient.builder(), region, endpointOverride, credentials, budget, null);
    }

    /** A DynamoDB client with the {@link ClientBudget#LAMBDA} budget. */
    public static DynamoDbClient dynamoDb(String region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return dynamoDb(region, endpointOverride, credentials, ClientBudget.LAMBDA);
    }

    /**
     * A DynamoDB client for the broker's state table in {@code region}.
     *
     * @param region           the broker's own region (the table's)
     * @param endpointOverride another endpoint (dynalite in tests), or null for the regional endpoint
     * @param credentials      the function's own credentials
     * @param budget           timeouts and retries
     */
    public static DynamoDbClient dynamoDb(String region, URI endpointOverride, AwsCredentialsProvider credentials,
                                          ClientBudget budget) {
        return build(DynamoDbClient.builder(), region, endpointOverride, credentials, budget, null);
    }

    /**
     * Every client the same way: explicit region and credentials, the URLConnection client (or {@code http} when not
     * null), the time budget.
     */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, URI endpointOverride, AwsCredentialsProvider credentials, ClientBudget budget,
            SdkHttpClient http) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(budget, "budget");
        builder.region(Region.of(region)).credentialsProvider(credentials);
        if (http != null) {
            builder.httpClient(http);
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(budget.connectTimeout())
                    .socketTimeout(budget.socketTimeout()));
        }
        builder.overrideConfiguration(o -> o
                        .apiCallTimeout(budget.apiCallTimeout())
                        .apiCallAttemptTimeout(budget.apiCallAttemptTimeout())
                        .retryStrategy(budget.retryStrategy()));
        if (endpointOverride != null) builder.endpointOverride(endpointOverride);
        return builder.build();
    }
}
