package broker.client.core;

/**
 * STS temporary credentials as handed to AWS tools. {@code expiration} is the ISO-8601 instant printed as
 * {@code Expiration}: the broker's expiry expressed on this machine's clock, so that tools on this machine refresh in
 * time even when its clock is off.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration,
                             String region) {
    public AwsCredentials {
        Require.nonBlank(accessKeyId, "accessKeyId");
        Require.nonBlank(secretAccessKey, "secretAccessKey");
        // Claude Code rejects credentials without a non-empty SessionToken.
        Require.nonBlank(sessionToken, "sessionToken");
        Require.nonBlank(expiration, "expiration");
        region = region == null ? "" : region;
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", region=" + region
                + ", secretAccessKey=redacted, sessionToken=redacted]";
    }
}
