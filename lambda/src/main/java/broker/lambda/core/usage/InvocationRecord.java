package broker.lambda.core.usage;

import broker.lambda.core.Require;
import java.time.Instant;

/**
 * The metering fields of one Bedrock model invocation log record ({@code schemaType} {@code ModelInvocationLog});
 * prompts and answers are never read into it. Built by {@link InvocationLogParser}.
 *
 * @param requestId        Bedrock's request id: the unit of exactly-once counting
 * @param timestamp        when Bedrock logged the invocation
 * @param accountId        the account, or the empty string when the record has none
 * @param identityArn      the caller: an assumed-role session or an IAM user ARN
 * @param region           the region the request was sent to, or the empty string
 * @param inferenceRegion  the region that served it (cross-region profiles), or the empty string
 * @param operation        e.g. {@code Converse}, {@code InvokeModel}, or the empty string
 * @param modelId          a model id, an inference profile id or an ARN, as logged
 * @param inputTokens      {@code input.inputTokenCount}
 * @param outputTokens     {@code output.outputTokenCount}
 * @param cacheReadTokens  {@code input.cacheReadInputTokenCount}
 * @param cacheWriteTokens {@code input.cacheWriteInputTokenCount}
 */
public record InvocationRecord(String requestId, Instant timestamp, String accountId, String identityArn,
                               String region, String inferenceRegion, String operation, String modelId,
                               long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
    public InvocationRecord {
        Require.nonNull("requestId timestamp accountId identityArn region inferenceRegion operation modelId",
                requestId, timestamp, accountId, identityArn, region, inferenceRegion, operation, modelId);
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }
}
