package broker.lambda.core.policy;

import broker.lambda.core.entitlements.Grant;
import java.util.List;
import java.util.Objects;

/**
 * What a session policy must allow.
 *
 * @param partition   {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the Bedrock role's ARN (infra
 *                    passes a CDK token here, so its format is never checked)
 * @param accountId   the 12-digit account that owns inference profiles (the Bedrock role's account; infra
 *                    passes a CDK token here, so its format is never checked)
 * @param grants      the models and regions to allow (already narrowed to the request)
 * @param bearerToken true when the credentials will sign a short-term Bedrock API key:
 *                    adds {@code bedrock:CallWithBearerToken} for {@code SHORT_TERM} tokens
 */
public record PolicyScope(String partition, String accountId, List<Grant> grants, boolean bearerToken) {
    public PolicyScope {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(accountId, "accountId");
        grants = List.copyOf(grants);
    }
}
