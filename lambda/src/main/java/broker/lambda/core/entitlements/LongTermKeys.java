package broker.lambda.core.entitlements;

/**
 * Whether a user may create long-term Bedrock API keys, and within which bounds.
 *
 * @param allowed        false: {@code POST /v1/api-keys} answers 403
 * @param maxAgeDays     upper bound of {@code CredentialAgeDays} (1..36600)
 * @param defaultAgeDays the age used when the request names none (1..maxAgeDays)
 * @param maxKeys        keys a user may hold at once (1..2; IAM allows 2 per user)
 */
public record LongTermKeys(boolean allowed, int maxAgeDays, int defaultAgeDays, int maxKeys) {
    public static final LongTermKeys NONE = new LongTermKeys(false, 0, 0, 0);
}
