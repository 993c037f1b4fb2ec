package broker.lambda.core.issuance;

import java.util.regex.Pattern;

/**
 * The AWS partition and account whose Bedrock the broker hands out: the Bedrock user role's.
 * Inference-profile ARNs in session policies name this account.
 */
public record BedrockAccount(String partition, String accountId) {
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

    /** Reads partition and account from an IAM role ARN; throws when it is not one. */
    public static BedrockAccount fromRoleArn(String roleArn) {
        var m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an IAM role ARN (arn:aws:iam::123456789012:role/name): " + roleArn);
        }
        return new BedrockAccount(m.group(1), m.group(2));
    }
}
