package broker.client.core;

/**
 * A short-term Bedrock API key for {@code AWS_BEARER_TOKEN_BEDROCK}; {@code expiration} as in {@link AwsCredentials}.
 * The token is {@code bedrock-api-key-} and base64, checked here as the credentials are.
 */
public record BearerToken(String token, String expiration, String region) {
    public BearerToken {
        Require.token(token, "token", 16_384);
        Require.instant(expiration, "expiration");
        region = Require.region(region, "region");
    }

    @Override
    public String toString() {
        return "BearerToken[token=redacted, expiration=" + expiration + ", region=" + region + "]";
    }
}
