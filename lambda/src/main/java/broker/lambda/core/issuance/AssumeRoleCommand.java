package broker.lambda.core.issuance;

import broker.lambda.core.identity.StsSessionIdentity;
import java.time.Duration;
import java.util.Objects;

/**
 * One {@code AssumeRole} call on the Bedrock user role.
 *
 * @param identity the session name, source identity and tags for the caller
 * @param policy   the minified session policy
 * @param duration the session length (900 s .. 3600 s: STS caps role-chained sessions at 1 h)
 */
public record AssumeRoleCommand(StsSessionIdentity identity, String policy, Duration duration) {
    public AssumeRoleCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(duration, "duration");
    }
}
