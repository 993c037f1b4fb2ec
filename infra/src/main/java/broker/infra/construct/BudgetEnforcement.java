package broker.infra.construct;

import broker.lambda.core.Require;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Budgets in AWS beyond the check at issuance: the key users' permissions of the cut-off (in the usage-ingest
 * function) and of the restore function (read a person's key user, list their keys, set a key Inactive or Active: never
 * delete), the restore's schedule ({@value #RESTORE_MINUTES} minutes, so keys are back within that of the reset), and
 * alarms on failed cut-offs and restores (the {@code Refused} metric of their audit lines).
 */
public final class BudgetEnforcement extends Construct {
    /** How often the restore runs. */
    public static final int RESTORE_MINUTES = 15;
    /** The reason of a failed cut-off or restore in the audit line and the {@code Refused} metric. */
    public static final String FAILED_REASON = "budget-enforcement-failed";

    /**
     * @param ingestRole  the usage-ingest function's role (it cuts people off after each batch)
     * @param restore     the restore function
     * @param keyUserPath the IAM path of the per-person key users
     */
    public record Props(IRole ingestRole, Functions.Deployed restore, String keyUserPath) {
        public Props {
            Require.nonNull("ingestRole restore keyUserPath", ingestRole, restore, keyUserPath);
        }
    }

    private final Policy ingestKeys;
    private final Policy restoreKeys;

    public BudgetEnforcement(Construct scope, String id, Props props) {
        super(scope, id);
        ingestKeys = keyPolicy("IngestKeyPolicy", props.ingestRole(), props.keyUserPath());
        restoreKeys = keyPolicy("RestoreKeyPolicy", props.restore().role(), props.keyUserPath());
        Rule.Builder.create(this, "Schedule")
                .description("Bedrock Broker: reactivate long-term keys cut off by a budget once its period reset")
                .schedule(Schedule.rate(Duration.minutes(RESTORE_MINUTES)))
                .targets(List.of(new LambdaFunction(props.restore().alias(), LambdaFunctionProps.builder()
                        .retryAttempts(2).maxEventAge(Duration.minutes(RESTORE_MINUTES)).build())))
                .build();
        for (String action : List.of("budget-cutoff", "budget-restore")) {
            String alarmId = action.equals("budget-cutoff") ? "CutoffFailures" : "RestoreFailures";
            Alarms.any(this, alarmId, "A budget " + (action.equals("budget-cutoff") ? "cut-off" : "restore")
                            + " failed: see the audit lines with \"action\":\"" + action + "\", \"reason\":\""
                            + FAILED_REASON + "\" (the person's sessions or keys may still be live, or keys still off)",
                    Alarms.broker("Refused", TemplateMaps.sorted(Map.of("Action", action, "Reason", FAILED_REASON)), "Sum",
                            Duration.minutes(5)));
        }
    }

    private Policy keyPolicy(String id, IRole role, String keyUserPath) {
        String users = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user", keyUserPath, "*"));
        String anyUser = Fn.join("", List.of("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, ":user/*"));
        Policy policy = Policy.Builder.create(this, id).roles(List.of(role))
                .statements(List.of(
                        // Finding a person's key user looks up candidate names, authorized against user/<name>.
                        PolicyStatement.Builder.create().actions(List.of("iam:GetUser", "iam:ListUserTags"))
                                .resources(List.of(anyUser)).build(),
                        PolicyStatement.Builder.create().actions(List.of("iam:ListServiceSpecificCredentials",
                                        "iam:UpdateServiceSpecificCredential"))
                                .resources(List.of(users)).build()))
                .build();
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user"
                + keyUserPath + "*", "The broker creates one IAM user per person at run time, under its own IAM path; "
                + "this resource is exactly the users under that path.");
        NagFinding.acknowledge(policy, "AwsSolutions-IAM5", "Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*",
                "Only iam:GetUser and iam:ListUserTags (read-only): IAM authorizes a lookup of a free name against "
                        + "user/<name>, and a person's key user is found by its candidate names.");
        return policy;
    }

    /** The ingest function's key-user permissions. */
    public Policy ingestKeys() {
        return ingestKeys;
    }

    /** The restore function's key-user permissions. */
    public Policy restoreKeys() {
        return restoreKeys;
    }
}
