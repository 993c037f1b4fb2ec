package broker.lambda.core.apikeys;

import broker.lambda.core.budget.BudgetDecision;
import broker.lambda.core.upstream.UpstreamFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What came of a request to the API-key routes or the admin routes. */
public sealed interface ApiKeyOutcome {

    /**
     * A key was created on the owner's IAM user {@code iamUser}; {@code secret} is shown this once; {@code budget} is
     * the owner's budget decision (the answer carries it at or above a warning threshold).
     * {@link #toString()} never shows the secret.
     */
    record Created(ApiKey key, String secret, String iamUser, BudgetDecision budget) implements ApiKeyOutcome {
        public Created {
            budget = budget == null ? new BudgetDecision.WithinBudget() : budget;
        }

        /** Created with no budget to report. */
        public Created(ApiKey key, String secret, String iamUser) {
            this(key, secret, iamUser, null);
        }

        @Override
        public String toString() {
            return "Created[key=" + key + ", iamUser=" + iamUser + ", secret=redacted]";
        }
    }

    /** The person's keys; {@code maxKeys} is how many they may hold, or null when an admin asked. */
    record Listed(List<ApiKey> keys, Integer maxKeys) implements ApiKeyOutcome {
        public Listed {
            keys = List.copyOf(keys);
        }
    }

    /** The caller's recorded spend is at or over a budget cap: no key until the period resets. */
    record BudgetExhausted(BudgetDecision.Exhausted decision) implements ApiKeyOutcome {}

    /** An admin set {@code subject}'s budget override, in force until it expires. */
    record BudgetOverridden(String subject, broker.lambda.core.budget.BudgetOverride override) implements ApiKeyOutcome {}

    /** The override's body is not a valid budget and expiry; {@code detail} names each problem and its field. */
    record InvalidBudget(String detail) implements ApiKeyOutcome {}

    /** The key was deleted. */
    record Deleted(String keyId) implements ApiKeyOutcome {}

    /**
     * Every STS session whose SourceIdentity matches {@code sourceIdentityPattern} ({@code *-<subject hash>} for one
     * person, {@code *} for everyone) issued before {@code issuedBefore} is denied everything, and IAM shows it.
     */
    record SessionsRevoked(Instant issuedBefore, String sourceIdentityPattern) implements ApiKeyOutcome {}

    /** An admin route named someone the broker never issued to (by subject or email): nothing was done. */
    record PersonNotFound() implements ApiKeyOutcome {}

    /** An admin named a user that people of several trusted issuers have (those issuers, sorted); name one. */
    record AmbiguousUser(java.util.List<String> issuers) implements ApiKeyOutcome {
        public AmbiguousUser {
            issuers = java.util.List.copyOf(issuers);
        }
    }

    /** The caller's entitlement does not allow long-term keys (or no profile applies to them). */
    record NotEntitled(String detail) implements ApiKeyOutcome {}

    /** An admin route was called by someone outside the entitlements' admin groups. */
    record NotAdmin() implements ApiKeyOutcome {}

    /** {@code ageDays} is outside 1 and the entitlement's maximum. */
    record InvalidAge(int requested, int max) implements ApiKeyOutcome {}

    /** The label is too long or holds characters IAM tags cannot carry. */
    record InvalidLabel(String detail) implements ApiKeyOutcome {}

    /** An admin route named no usable user (an empty or oversized subject). */
    record InvalidUser() implements ApiKeyOutcome {}

    /** The person already holds {@code maxKeys} keys (expired ones count until deleted). */
    record LimitReached(int maxKeys) implements ApiKeyOutcome {}

    /** No such key among the person's keys: it does not exist or belongs to someone else (never said which). */
    record KeyNotFound() implements ApiKeyOutcome {}


    /** IAM failed the broker's call (throttled, unavailable or refused, {@code code} = {@code <call>:<error>}). */
    record UpstreamFailed(UpstreamFailure failure) implements ApiKeyOutcome {}

    /** The outcome for a failed IAM call; {@code call} names it in the log ({@code CreateUser}). */
    static ApiKeyOutcome failure(String call, IamResult<?> result) {
        return switch (result) {
            case IamResult.Throttled<?>(var retryAfter) -> new UpstreamFailed(new UpstreamFailure.Throttled("iam", retryAfter));
            case IamResult.Unavailable<?>(var retryAfter) -> new UpstreamFailed(new UpstreamFailure.Unavailable("iam", retryAfter));
            case IamResult.Refused<?>(var code) -> refused(call + ":" + code);
            // Where the use case does not expect these, IAM disagrees with the broker's view: not the caller's fault.
            case IamResult.NotFound<?> n -> refused(call + ":NoSuchEntity");
            case IamResult.AlreadyExists<?> a -> refused(call + ":EntityAlreadyExists");
            case IamResult.LimitExceeded<?> l -> refused(call + ":LimitExceeded");
            case IamResult.Done<?> d -> throw new IllegalArgumentException("not a failure: " + call);
        };
    }

    /** IAM refused the broker's request; {@code code} is {@code <call>:<error>}: a deployment problem. */
    static ApiKeyOutcome refused(String code) {
        return new UpstreamFailed(new UpstreamFailure.Refused("iam", code));
    }
}
