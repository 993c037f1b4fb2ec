package broker.lambda.core.invocationlogging;

/**
 * Bedrock's model invocation logging configuration in one region (an account setting), as far as the broker cares.
 *
 * @param logGroupName       the CloudWatch Logs destination's group, or null when there is none
 * @param roleArn            the role Bedrock writes to that group with, or null
 * @param s3BucketName       the S3 destination's bucket, or null when there is none
 * @param textDelivery       whether prompts and answers (text) are delivered
 * @param imageDelivery      whether images are delivered
 * @param embeddingDelivery  whether embeddings are delivered
 * @param videoDelivery      whether video is delivered
 * @param audioDelivery      whether audio is delivered
 */
public record LoggingSetting(String logGroupName, String roleArn, String s3BucketName, boolean textDelivery,
                             boolean imageDelivery, boolean embeddingDelivery, boolean videoDelivery,
                             boolean audioDelivery) {

    /**
     * What the broker turns on: metadata only (identity, model, token counts) to its own log group, every content
     * delivery off, so that no prompt, answer, image or embedding is ever stored.
     */
    public static LoggingSetting metadataOnly(String logGroupName, String roleArn) {
        if (logGroupName == null || logGroupName.isBlank() || roleArn == null || roleArn.isBlank()) {
            throw new IllegalArgumentException("log group and role are required");
        }
        return new LoggingSetting(logGroupName, roleArn, null, false, false, false, false, false);
    }

    /** True when this is the broker's own setting {@code ours}: the same group and role, and no S3 destination. */
    public boolean sameDestinationAs(LoggingSetting ours) {
        return ours.logGroupName.equals(logGroupName) && ours.roleArn.equals(roleArn) && s3BucketName == null;
    }

    /** Where logs go, for messages: the group and/or bucket (never the role). */
    public String destination() {
        String group = logGroupName == null ? null : "CloudWatch Logs group " + logGroupName;
        String bucket = s3BucketName == null ? null : "S3 bucket " + s3BucketName;
        if (group != null && bucket != null) return group + " and " + bucket;
        return group != null ? group : bucket != null ? bucket : "no destination";
    }
}
