package broker.lambda.core.policy;

/**
 * Builds the compact IAM session policy passed to {@code AssumeRole}.
 * CONTRACT STUB: the policy work fills in the body; signatures are fixed.
 */
public final class SessionPolicy {
    /** STS limit on the plaintext session policy (policy + policy ARNs). */
    public static final int MAX_CHARS = 2048;

    private SessionPolicy() {}

    /** The minified policy JSON for this scope. */
    public static String build(PolicyScope scope) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
