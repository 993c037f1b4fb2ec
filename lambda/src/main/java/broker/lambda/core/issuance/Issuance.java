package broker.lambda.core.issuance;

import broker.lambda.core.policy.PolicySource;
import broker.lambda.core.upstream.UpstreamFailure;
import java.util.List;

/** The outcome of a request for credentials or a short-term Bedrock API key. */
public sealed interface Issuance {

    /**
     * STS credentials were issued for {@code region} (the caller's region of use), under a session policy derived as
     * {@code policySource} says.
     */
    record CredentialsIssued(SessionCredentials credentials, String region, PolicySource policySource) implements Issuance {}

    /** A short-term Bedrock API key was minted from fresh credentials with this access key id. */
    record TokenIssued(BearerToken token, String accessKeyId, PolicySource policySource) implements Issuance {}

    /** The caller's entitlement does not cover this kind of request at all (no profile, or no short-term keys). */
    record NotEntitled(String detail) implements Issuance {}

    /** The requested duration is outside {@code [min, max]} seconds. */
    record InvalidDuration(int requested, int min, int max) implements Issuance {}

    /** The requested region is not among the caller's entitled regions. */
    record RegionNotAllowed(String region) implements Issuance {}

    /** A requested model is not entitled (in the requested region, when one was named). */
    record ModelNotAllowed(String model) implements Issuance {}

    /**
     * The session policy that allows exactly the requested models would be longer than STS accepts (many ids matched
     * by a family, each an entry of its own): refused rather than widened to the family.
     */
    record NarrowingTooLarge(List<String> models) implements Issuance {
        public NarrowingTooLarge {
            models = List.copyOf(models);
        }
    }

    /** STS failed the broker's call (throttled, unavailable or refused) after the SDK's retries. */
    record UpstreamFailed(UpstreamFailure failure) implements Issuance {}
}
