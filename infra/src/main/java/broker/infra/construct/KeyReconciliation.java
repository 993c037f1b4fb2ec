package broker.infra.construct;

import broker.contract.Telemetry;
import broker.lambda.core.Require;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Key reconciliation in AWS: the reconcile function's IAM permissions on the key users (exactly the broker's path, plus
 * the read of any user name that {@link ApiKeyUsers} explains), its daily EventBridge schedule, and alarms on its
 * failures and on the account's IAM users at {@value #QUOTA_ALARM_PERCENT} % of the quota.
 */
public final class KeyReconciliation extends Construct {
    /** The account's IAM users, in percent of the quota, that raise the alarm. */
    public static final int QUOTA_ALARM_PERCENT = 80;

    /**
     * @param reconcile   the reconcile function
     * @param keyUserPath the IAM path of the per-person key users
     */
    public record Props(Functions.Deployed reconcile, String keyUserPath) {
        public Props {
            Require.nonNull("reconcile keyUserPath", reconcile, keyUserPath);
        }
    }

    private final Policy policy;

    public KeyReconciliation(Construct scope, String id, Props props) {
        super(scope, id);
        String users = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user",
                props.keyUserPath(), "*"));
        String anyUser = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user/*"));
        policy = Policy.Builder.create(this, "Policy").roles(List.of(props.reconcile().role()))
                .statements(List.of(
                        // Free candidate names are authorized against user/<name> (see ApiKeyUsers): read-only.
                        PolicyStatement.Builder.create().actions(List.of("iam:GetUser", "iam:ListUserTags"))
                                .resources(List.of(anyUser)).build(),
                        // ListUsers with the path as PathPrefix is authorized against user<path>.
                        PolicyStatement.Builder.create().actions(List.of("iam:ListUsers",
                                        "iam:ListServiceSpecificCredentials", "iam:UpdateServiceSpecificCredential",
                                        "iam:ListUserPolicies", "iam:DeleteUserPolicy", "iam:DeleteUser"))
                                .resources(List.of(users)).build()))
                .build();
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user"
                + props.keyUserPath() + "*", "The broker creates one IAM user per person at run time, under its own "
                + "IAM path; this resource is exactly the users under that path.");
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*",
                "Only iam:GetUser and iam:ListUserTags (read-only): IAM authorizes a lookup of a free name against "
                        + "user/<name>, and reconciliation checks that a user's later candidate names are free before "
                        + "it deletes the user.");

        Rule.Builder.create(this, "Schedule")
                .description("Bedrock Broker: daily key reconciliation")
                .schedule(Schedule.rate(Duration.days(1)))
                .targets(List.of(new LambdaFunction(props.reconcile().alias(), LambdaFunctionProps.builder()
                        .retryAttempts(2).maxEventAge(Duration.hours(2)).build())))
                .build();

        Alarms.any(this, "Failures", "Key reconciliation failed or could not change every key user it should have; "
                        + "see the reconcile function's audit lines (outcome failed)",
                props.reconcile().function().metricErrors(MetricOptions.builder()
                        .period(Duration.days(1)).statistic("Sum").build()));
        Alarms.atLeast(this, "UserQuota", "The account's IAM users reached " + QUOTA_ALARM_PERCENT + " % of the quota: "
                        + "every person with a long-term key holds one; raise the quota or lower keyInactiveDays",
                Alarms.broker(Telemetry.IAM_USER_QUOTA_METRIC, Map.of("Function", Telemetry.RECONCILE_DIMENSION),
                        "Maximum", Duration.days(1)),
                QUOTA_ALARM_PERCENT, 1);
    }

    /** The reconcile function's IAM permissions, for a function that must not run before they exist. */
    public Policy policy() {
        return policy;
    }
}
