package broker.lambda.core.issuance;

import broker.lambda.core.Require;
import java.time.Instant;

/** Temporary AWS credentials from STS. {@link #toString()} shows the access key id only. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    public SessionCredentials {
        Require.nonNull("accessKeyId secretAccessKey sessionToken expiration", accessKeyId, secretAccessKey,
                sessionToken, expiration);
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", secret=redacted]";
    }
}
