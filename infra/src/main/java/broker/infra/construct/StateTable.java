package broker.infra.construct;

import broker.lambda.core.state.StateTableLayout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The broker's state: revocations, who was issued to, whose STS session is whose (and the usage ledger). On demand
 * (no capacity to plan), point-in-time recovery on, expired items deleted through the TTL attribute, retained when
 * the stack is deleted. Its logical id is pinned: a new id would be a new, empty table, and with it every revocation
 * and attribution would be forgotten.
 */
public final class StateTable extends Construct {
    /** Pinned (BrokerStackTest): replacing the table loses the broker's state. */
    public static final String LOGICAL_ID = "BrokerState";

    /** What a function may do on the table: actions, and the partition-key prefixes it may touch. */
    public record Access(List<String> actions, List<String> partitionKeys) {
        public Access {
            actions = List.copyOf(actions);
            partitionKeys = List.copyOf(partitionKeys);
        }
    }

    /**
     * Credentials function: one BatchWriteItem per issuance (the person, their email index, whose session it is).
     */
    public static final Access ISSUANCE = new Access(List.of("dynamodb:BatchWriteItem"),
            List.of("person#*", "email#*", "session#*"));
    /** API-keys function: one BatchWriteItem per key created (the person and their email index). */
    public static final Access KEY_ISSUANCE = new Access(List.of("dynamodb:BatchWriteItem"), List.of("person#*", "email#*"));
    /**
     * Credentials and API-keys functions: the budget check at issuance, one BatchGetItem of the person's day and month
     * totals (usage ledger) and their admin override.
     */
    public static final Access BUDGET_CHECK = new Access(List.of("dynamodb:BatchGetItem"),
            List.of("usage#*", "usage-month#*", "budget#*"));
    /** Admin function: an admin's budget override of one person (PUT /v1/admin/users/{user}/budget). */
    public static final Access BUDGET_OVERRIDE = new Access(List.of("dynamodb:PutItem"), List.of("budget#*"));
    /**
     * Usage-ingest function, the budget cut-off: revoke a person's sessions as the admin function does (their record,
     * the revocation, the lease on the IAM policy).
     */
    public static final Access CUTOFF_REVOCATION = new Access(
            List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"),
            List.of("person#*", "revocation", "lease#*"));
    /** Usage-ingest function, the budget cut-off: read the override, record the cut-off (once per crossing). */
    public static final Access CUTOFF_BUDGETS = new Access(
            List.of("dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:PutItem"), List.of("budget#*", "budget-cutoff"));
    /** Usage function: each person's override and the cut-offs, for the admins' report (cap and state). */
    public static final Access BUDGET_REPORT = new Access(List.of("dynamodb:BatchGetItem", "dynamodb:Query"),
            List.of("budget#*", "budget-cutoff"));
    /**
     * Budget-restore function: the recorded cut-offs, forgotten once restored, rewritten when an incomplete one is driven
     * again (its revocation and the person's override and totals are granted as {@link #CUTOFF_REVOCATION} and
     * {@link #BUDGET_CHECK}).
     */
    public static final Access RESTORE = new Access(List.of("dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Query"),
            List.of("budget-cutoff"));
    /**
     * Admin function: read people and emails; record revocations (conditional UpdateItem), read them back (Query),
     * take and give up the lease on the IAM policy (UpdateItem, DeleteItem).
     */
    public static final Access ADMIN = new Access(
            List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"),
            List.of("person#*", "email#*", "revocation", "lease#*"));

    private final Table table;

    public StateTable(Construct scope, String id, RemovalPolicy removalPolicy) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(StateTableLayout.PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(StateTableLayout.SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(StateTableLayout.TTL_ATTRIBUTE)
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(removalPolicy == RemovalPolicy.RETAIN)
                .removalPolicy(Objects.requireNonNull(removalPolicy, "removalPolicy"))
                .build();
        ((CfnTable) table.getNode().getDefaultChild()).overrideLogicalId(LOGICAL_ID);
    }

    public String tableName() {
        return table.getTableName();
    }

    /**
     * Grants {@code access} to {@code role} on this table only, for items whose partition key matches its prefixes
     * ({@code dynamodb:LeadingKeys}): the credentials function cannot touch revocations, the admin function no
     * session. A separate policy resource, so callers can make their function depend on it.
     */
    public Policy grant(String id, IRole role, Access access) {
        return Policy.Builder.create(this, id)
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(access.actions())
                        .resources(List.of(table.getTableArn()))
                        .conditions(Map.of("ForAllValues:StringLike",
                                Map.of("dynamodb:LeadingKeys", access.partitionKeys())))
                        .build()))
                .build();
    }
}
