package broker.lambda.core.apikeys;

import java.util.Objects;

/**
 * A long-term Bedrock API key just created: its metadata and its secret, which IAM shows this once.
 * {@link #toString()} never shows the secret.
 */
public record CreatedKey(StoredKey key, String secret) {
    public CreatedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedKey[key=" + key + ", secret=redacted]";
    }
}
