package broker.lambda.core.issuance;

import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.policy.PolicySource;
import broker.lambda.core.upstream.UpstreamFailure;
import java.util.List;

/** The outcome of a request for credentials or a short-term Bedrock API key. */
public sealed interface Issuance {

    /**
     * STS credentials were issued for {@code region} (the caller's region of use), under a session policy derived as
     * {@code policySource} says; {@code budget} is the person's budget decision (the answer carries it when they are at
     * or above a warning threshold; at the last one the credentials last at most 15 minutes).
     */
    record CredentialsIssued(SessionCredentials credentials, String region, PolicySource policySource,
                             BudgetDecision budget) implements Issuance {
        public CredentialsIssued {
            budget = budget == null ? new BudgetDecision.WithinBudget() : budget;
        }

        /** Issued with no budget to report. */
        public CredentialsIssued(SessionCredentials credentials, String region, PolicySource policySource) {
            this(credentials, region, policySource, null);
        }
    }

    /**
     * A short-term Bedrock API key was minted from fresh credentials with this access key id; {@code budget} is the
     * person's budget decision (the answer carries it when they are at or above a warning threshold).
     */
    record TokenIssued(BearerToken token, String accessKeyId, PolicySource policySource, BudgetDecision budget)
            implements Issuance {
        public TokenIssued {
            budget = budget == null ? new BudgetDecision.WithinBudget() : budget;
        }

        /** Issued with no budget to report. */
        public TokenIssued(BearerToken token, String accessKeyId, PolicySource policySource) {
            this(token, accessKeyId, policySource, null);
        }
    }

    /**
     * The person's recorded spend is at or over a budget cap (a UTC day's or month's): nothing is issued until it
     * resets (429 {@code budget-exhausted}).
     */
    record BudgetExhausted(BudgetDecision.Exhausted decision) implements Issuance {}

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
