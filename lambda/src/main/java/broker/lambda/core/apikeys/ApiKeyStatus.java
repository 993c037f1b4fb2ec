package broker.lambda.core.apikeys;

/** The state of a long-term Bedrock API key, as IAM reports it. */
public enum ApiKeyStatus {
    /** The key authenticates Bedrock calls. */
    ACTIVE,
    /** Someone deactivated the key in IAM; it authenticates nothing until reactivated. */
    INACTIVE,
    /** The key's {@code CredentialAgeDays} have passed; it authenticates nothing and only counts against the limit. */
    EXPIRED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
