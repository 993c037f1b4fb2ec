package broker.lambda.core.apikeys;

import java.time.Instant;
import java.util.Objects;

/**
 * A long-term Bedrock API key as its owner and admins see it: never its secret.
 *
 * @param id         the IAM service-specific credential id
 * @param label      the owner's label, or null
 * @param createdAt  when it was created
 * @param expiration when it stops working (null only for keys made outside the broker without an age)
 * @param status     active, inactive or expired
 */
public record ApiKey(String id, String label, Instant createdAt, Instant expiration, ApiKeyStatus status) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
    }
}
