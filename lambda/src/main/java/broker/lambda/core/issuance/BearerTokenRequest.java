package broker.lambda.core.issuance;

/**
 * What a caller asks of {@code POST /v1/bearer-tokens}; every field may be absent (null).
 *
 * @param durationSeconds the token's lifetime; default and maximum: the entitlement's session maximum
 * @param region          the one region the token is scoped to; default: the broker's region if entitled
 */
public record BearerTokenRequest(Integer durationSeconds, String region) {
    public static final BearerTokenRequest DEFAULTS = new BearerTokenRequest(null, null);
}
