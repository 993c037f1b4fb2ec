package broker.client.core;

/** A key just created: the only time its secret is known. The secret is the Bedrock API key itself. */
public record NewApiKey(ApiKey key, String secret) {
    public NewApiKey {
        java.util.Objects.requireNonNull(key, "key");
        Require.nonBlank(secret, "secret");
    }

    @Override
    public String toString() {
        return "NewApiKey[" + key + ", secret=redacted]";
    }
}
