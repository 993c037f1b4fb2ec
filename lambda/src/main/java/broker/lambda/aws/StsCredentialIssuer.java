package broker.lambda.aws;

import broker.lambda.core.identity.StsSessionIdentity;
import broker.lambda.core.issuance.AssumeRoleCommand;
import broker.lambda.core.issuance.CredentialIssuer;
import broker.lambda.core.issuance.SessionCredentials;
import broker.lambda.core.issuance.StsOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@link CredentialIssuer} on STS {@code AssumeRole}. Every SDK failure ends here as an {@link StsOutcome}:
 * throttling, outages and refusals are told apart, and no {@link SdkException} reaches the caller.
 */
public final class StsCredentialIssuer implements CredentialIssuer {

    /** After the SDK's own backoff was not enough: wait a little longer than its throttling backoff cap. */
    static final Duration THROTTLED_RETRY_AFTER = Duration.ofSeconds(3);
    /** STS timed out, was unreachable or answered 5xx even after retries. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(2);

    /** Throttling codes STS and the AWS query protocol use; the SDK's own check is asked first. */
    private static final Set<String> THROTTLING_CODES =
            Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");

    private final StsClient sts;
    private final String roleArn;

    /**
     * @param sts     a client from {@link AwsClients#client}
     * @param roleArn the Bedrock user role
     */
    public StsCredentialIssuer(StsClient sts, String roleArn) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
    }

    @Override
    public StsOutcome assumeRole(AssumeRoleCommand command) {
        AssumeRoleRequest request = request(command);
        try {
            Credentials credentials = sts.assumeRole(request).credentials();
            if (credentials == null) return new StsOutcome.Unavailable(UNAVAILABLE_RETRY_AFTER);
            return new StsOutcome.Assumed(new SessionCredentials(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken(), credentials.expiration()));
        } catch (AwsServiceException e) {
            return classify(e);
        } catch (SdkException e) {
            // SdkClientException and its timeouts (ApiCallTimeoutException, ApiCallAttemptTimeoutException):
            // STS could not be reached or did not answer in time.
            return new StsOutcome.Unavailable(UNAVAILABLE_RETRY_AFTER);
        }
    }

    private AssumeRoleRequest request(AssumeRoleCommand command) {
        StsSessionIdentity identity = command.identity();
        AssumeRoleRequest.Builder builder = AssumeRoleRequest.builder()
                .roleArn(roleArn)
                .roleSessionName(identity.roleSessionName())
                .durationSeconds(Math.toIntExact(command.duration().toSeconds()));
        if (identity.sourceIdentity() != null) builder.sourceIdentity(identity.sourceIdentity());
        if (!command.policy().isEmpty()) builder.policy(command.policy());
        if (!identity.sessionTags().isEmpty()) {
            // Sorted so that the same caller always sends the same request.
            builder.tags(identity.sessionTags().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                    .toList());
        }
        return builder.build();
    }

    private static StsOutcome classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (e.isThrottlingException() || (code != null && THROTTLING_CODES.contains(code))) {
            return new StsOutcome.Throttled(THROTTLED_RETRY_AFTER);
        }
        if (e.statusCode() >= 500) return new StsOutcome.Unavailable(UNAVAILABLE_RETRY_AFTER);
        return new StsOutcome.Refused(code == null || code.isBlank() ? "HTTP" + e.statusCode() : code);
    }
}
