package broker.lambda.aws;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the SDK clients a broker function uses, once per function instance: explicit region, the
 * URLConnection HTTP client (no Netty or Apache jars in the Lambda package), and a bounded time budget.
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * Where and how a client talks to AWS.
     *
     * @param region           the broker's own region (STS, IAM) or the region whose catalog a Bedrock client reads
     * @param endpointOverride another endpoint (local broker, tests), or null for the SDK's endpoint rules
     * @param credentials      the function's own credentials
     * @param budget           timeouts and retries
     * @param http             an in-process HTTP client (SnapStart priming), or null for the URLConnection client
     */
    public record Connection(String region, URI endpointOverride, AwsCredentialsProvider credentials, ClientBudget budget,
                             SdkHttpClient http) {
        public Connection {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(budget, "budget");
        }

        /** The URLConnection client with the {@link ClientBudget#LAMBDA} budget. */
        public static Connection of(String region, URI endpointOverride, AwsCredentialsProvider credentials) {
            return new Connection(region, endpointOverride, credentials, ClientBudget.LAMBDA, null);
        }

        /**
         * For SnapStart priming: configured as in Lambda, but on {@code http} (an in-process client), so that priming
         * runs the same SDK pipeline without a network call.
         */
        public static Connection inProcess(String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
            return new Connection(region, null, credentials, ClientBudget.LAMBDA, Objects.requireNonNull(http, "http"));
        }

        /** The same connection with another time budget. */
        public Connection withBudget(ClientBudget other) {
            return new Connection(region, endpointOverride, credentials, other, http);
        }
    }

    /**
     * Any SDK client, every one the same way: explicit region and credentials, the URLConnection client (or the
     * connection's in-process client), the time budget; e.g. {@code AwsClients.client(StsClient.builder(), connection)}.
     * Generic, so that this class names no service and each Lambda jar holds only the SDK models its functions call.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
                                                                                          Connection connection) {
        ClientBudget budget = connection.budget();
        builder.region(Region.of(connection.region())).credentialsProvider(connection.credentials());
        if (connection.http() != null) {
            builder.httpClient(connection.http());
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(budget.connectTimeout())
                    .socketTimeout(budget.socketTimeout()));
        }
        builder.overrideConfiguration(o -> o
                        .apiCallTimeout(budget.apiCallTimeout())
                        .apiCallAttemptTimeout(budget.apiCallAttemptTimeout())
                        .retryStrategy(budget.retryStrategy()));
        if (connection.endpointOverride() != null) builder.endpointOverride(connection.endpointOverride());
        return builder.build();
    }
}
