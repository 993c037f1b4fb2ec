package broker.lambda.core.issuance;

import java.time.Duration;
import java.time.Instant;

/** Port: turns session credentials into a short-term Bedrock API key by SigV4 query presigning. */
public interface BearerTokenMinter {
    /**
     * @param credentials the signing credentials; the token never outlives them
     * @param region      the one region the token is scoped to
     * @param signingTime the signature's timestamp
     * @param lifetime    {@code X-Amz-Expires}; the caller keeps it within the credentials' remaining life and 12 h
     */
    BearerToken mint(SessionCredentials credentials, String region, Instant signingTime, Duration lifetime);
}
