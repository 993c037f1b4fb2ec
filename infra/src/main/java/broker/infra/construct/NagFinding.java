package broker.infra.construct;

import java.util.Map;
import software.constructs.IConstruct;
import software.amazon.awscdk.Validations;

/**
 * Acknowledges one granular cdk-nag finding, such as {@code AwsSolutions-IAM5[Resource::*]}, on a construct.
 *
 * <p>{@code Validations.acknowledge} rejects ids with more than one {@code ::}, and a finding for an ARN has several
 * ({@code Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/...}). So this records the acknowledgement
 * exactly as {@code Validations.acknowledge} does — an {@value Validations#ACKNOWLEDGED_RULES_METADATA_KEY} metadata
 * entry from id to reason — which is what cdk-nag 3 reads.
 */
final class NagFinding {
    private NagFinding() {}

    static void acknowledge(IConstruct scope, String ruleId, String finding, String reason) {
        scope.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
                Map.of(ruleId + "[" + finding + "]", reason));
    }
}
