package broker.client.core;

/**
 * STS temporary credentials as handed to AWS tools. {@code expiration} is the ISO-8601 instant printed as
 * {@code Expiration}: the broker's expiry expressed on this machine's clock, so that tools on this machine refresh in
 * time even when its clock is off. Every member has the shape STS gives it (letters, digits, base64 punctuation, an
 * instant, a region name), checked here, so whatever the broker or a cache file says can never add a line to
 * {@code ~/.aws/credentials} or a member to the JSON a tool parses.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration,
                             String region) {
    static final int MAX_SECRET = 256;
    /** STS documents no limit; real ones are 1-2 KB, larger with big session policies and tags. */
    static final int MAX_SESSION_TOKEN = 16_384;

    public AwsCredentials {
        Require.accessKeyId(accessKeyId, "accessKeyId");
        Require.token(secretAccessKey, "secretAccessKey", MAX_SECRET);
        // Claude Code rejects credentials without a non-empty SessionToken.
        Require.token(sessionToken, "sessionToken", MAX_SESSION_TOKEN);
        Require.instant(expiration, "expiration");
        region = Require.region(region, "region");
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", region=" + region
                + ", secretAccessKey=redacted, sessionToken=redacted]";
    }
}
