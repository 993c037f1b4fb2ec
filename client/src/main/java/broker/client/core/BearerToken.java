package broker.client.core;

/** A short-term Bedrock API key for {@code AWS_BEARER_TOKEN_BEDROCK}; {@code expiration} as in {@link AwsCredentials}. */
public record BearerToken(String token, String expiration, String region) {
    public BearerToken {
        Require.nonBlank(token, "token");
        Require.nonBlank(expiration, "expiration");
        region = region == null ? "" : region;
    }

    @Override
    public String toString() {
        return "BearerToken[token=redacted, expiration=" + expiration + ", region=" + region + "]";
    }
}
