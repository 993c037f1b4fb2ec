package broker.lambda.core.apikeys;

import java.time.Instant;
import java.util.Objects;

/**
 * A long-term Bedrock API key's metadata as IAM lists it (never its secret).
 *
 * @param id         the service-specific credential id
 * @param createdAt  when IAM created it
 * @param expiration when it stops working, or null for a key made without {@code CredentialAgeDays} (outside the broker)
 * @param status     active, inactive or expired
 */
public record StoredKey(String id, Instant createdAt, Instant expiration, ApiKeyStatus status) {
    public StoredKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
    }
}
