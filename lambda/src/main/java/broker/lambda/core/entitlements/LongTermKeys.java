package broker.lambda.core.entitlements;

import java.util.Collection;

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

    /**
     * The bounds of a caller with several profiles: allowed when any profile allows, and then the largest
     * of each bound among the profiles that allow; {@link #NONE} when none allows.
     */
    public static LongTermKeys mostGenerous(Collection<LongTermKeys> all) {
        var allowing = all.stream().filter(LongTermKeys::allowed).toList();
        if (allowing.isEmpty()) {
            return NONE;
        }
        return new LongTermKeys(true,
                allowing.stream().mapToInt(LongTermKeys::maxAgeDays).max().orElseThrow(),
                allowing.stream().mapToInt(LongTermKeys::defaultAgeDays).max().orElseThrow(),
                allowing.stream().mapToInt(LongTermKeys::maxKeys).max().orElseThrow());
    }
}
