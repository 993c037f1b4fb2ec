package broker.lambda.core.issuance;

import broker.lambda.core.Require;
import java.time.Instant;

/** A short-term Bedrock API key ({@code bedrock-api-key-…}). {@link #toString()} never shows the token. */
public record BearerToken(String token, String region, Instant expiration) {
    public BearerToken {
        Require.nonNull("token region expiration", token, region, expiration);
    }

    @Override
    public String toString() {
        return "BearerToken[region=" + region + ", expiration=" + expiration + ", token=redacted]";
    }
}
