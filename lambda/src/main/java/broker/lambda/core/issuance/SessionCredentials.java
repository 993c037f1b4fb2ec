package broker.lambda.core.issuance;

import java.time.Instant;
import java.util.Objects;

/** Temporary AWS credentials from STS. {@link #toString()} shows the access key id only. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    public SessionCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    @Override
    public String toString() {
        return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", secret=redacted]";
    }
}
