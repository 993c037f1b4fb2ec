package broker.bench.lambda;

import broker.lambda.aws.StsCredentialIssuer;
import broker.lambda.handler.CredentialsHandler;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.TimedCredentialIssuer;
import broker.lambda.wiring.BrokerConfig;
import broker.lambda.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

/**
 * An experiment for the report, not product code: what priming would add to {@link Wiring#prime} to cover the whole
 * issuance path. One request through a {@link CredentialsHandler} (Powertools' Lambda-context logging) whose routes
 * use the real {@link StsCredentialIssuer} on an {@link StsClient} with an in-process HTTP client that answers
 * {@code AssumeRole} at once (the SDK's marshalling, signing and XML parsing), timed and audited by the real
 * Powertools audit log and metrics (to a separate metrics namespace).
 */
final class FullPriming {
    private FullPriming() {
    }

    static int run(BrokerConfig config) {
        Clock clock = Clock.systemUTC();
        StsClient sts = StsClient.builder().region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMING", "priming")))
                .httpClient(new CannedSts()).build();
        var audit = new PowertoolsAuditLog(MetricsBuilder.builder().withNamespace("BedrockBrokerPriming")
                .withService("bedrock-broker").build(), "BedrockBrokerPriming");
        var routes = Wiring.credentialsRoutes(config, new TimedCredentialIssuer(new StsCredentialIssuer(sts, config.roleArn()),
                audit), audit, clock);
        return new CredentialsHandler(routes).handleRequest(LambdaFixtures.credentialsEvent("priming"),
                LambdaFixtures.context("priming")).getStatusCode();
    }

    /** Answers every request with an AssumeRole result. */
    private static final class CannedSts implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
                    byte[] body = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                            + "<Credentials><AccessKeyId>ASIAPRIMINGPRIMING00</AccessKeyId><SecretAccessKey>priming</SecretAccessKey>"
                            + "<SessionToken>priming</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
                            + "</AssumeRoleResult><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata>"
                            + "</AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "text/xml").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }

        @Override
        public String clientName() {
            return "CannedSts";
        }
    }
}
