package broker.client.core;

/**
 * A long-term Bedrock API key of the signed-in user, as the broker lists it (never with its secret).
 * {@code expiration} is null for a key without one (the broker never creates such keys); {@code status} is
 * {@code active}, {@code inactive} or {@code expired}.
 */
public record ApiKey(String id, String label, String createdAt, String expiration, String status) {
    public ApiKey {
        Require.nonBlank(id, "id");
        label = label == null ? "" : label;
        createdAt = createdAt == null ? "" : createdAt;
        status = status == null ? "" : status;
    }
}
