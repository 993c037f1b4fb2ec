package broker.lambda.core.issuance;

import java.time.Instant;
import java.util.Objects;

/** A short-term Bedrock API key ({@code bedrock-api-key-…}). {@link #toString()} never shows the token. */
public record BearerToken(String token, String region, Instant expiration) {
    public BearerToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(expiration, "expiration");
    }

    @Override
    public String toString() {
        return "BearerToken[region=" + region + ", expiration=" + expiration + ", token=redacted]";
    }
}
