package broker.lambda.wiring;

import broker.contract.BrokerEnv;
import broker.lambda.aws.AwsClients;
import broker.lambda.aws.IamApiKeys;
import broker.lambda.aws.IamKeyUserMaintenance;
import broker.lambda.aws.IamRolePolicy;
import broker.lambda.core.admin.AdminService;
import broker.lambda.core.apikeys.ApiKeysService;
import broker.lambda.core.apikeys.IamUsers;
import broker.lambda.core.audit.AuditLog;
import broker.lambda.core.budget.BudgetGate;
import broker.lambda.core.budget.BudgetStore;
import broker.lambda.core.identity.IdentityResolver;
import broker.lambda.core.usage.OwnerIssuers;
import broker.lambda.core.issuance.BedrockAccount;
import broker.lambda.core.reconcile.KeyReconciliation;
import broker.lambda.core.reconcile.KeyUserMaintenance;
import broker.lambda.core.reconcile.ReconcileEvents;
import broker.lambda.core.revocation.RoleInlinePolicy;
import broker.lambda.core.revocation.SessionRevoker;
import broker.lambda.core.revocation.Sleeper;
import broker.lambda.core.state.IssuanceRecorder;
import broker.lambda.core.state.PersonDirectory;
import broker.lambda.core.state.StateStores;
import broker.lambda.http.AdminRoutes;
import broker.lambda.http.ApiKeysRoutes;
import broker.lambda.http.Bodies;
import broker.lambda.http.Json;
import broker.lambda.http.Responses;
import broker.lambda.observability.PowertoolsAuditLog;
import broker.lambda.observability.ReconciliationLog;
import broker.lambda.observability.StateLog;
import broker.lambda.observability.Timed;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The composition root of the keys jar: the API-keys and admin functions' routes, with their IAM client, built once
 * per function instance, and the reconcile function's key reconciliation. Names no handler and no STS or Bedrock type (the credentials jar's root is
 * {@link CredentialsWiring}).
 */
public final class KeysWiring {
    private KeysWiring() {}

    /**
     * The API-keys function's routes; {@code awsCredentials} signs the broker's own IAM and DynamoDB calls. Each key
     * created is recorded in the state table ({@code BROKER_STATE_TABLE}; without one, nothing is recorded).
     */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        var table = StateWiring.tableState(config, awsCredentials);
        return apiKeysRoutes(config, awsCredentials, table.map(StateWiring.TableState::state).orElse(null),
                table.map(StateWiring.TableState::budgets).orElse(null));
    }

    /**
     * The API-keys routes recording each key created in {@code state} (null: nothing recorded) and checking each
     * person's budget against {@code budgets} (null: none): the state table in Lambda, the embedded stores locally.
     */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials, StateStores state,
                                              BudgetStore budgets) {
        AuditLog audit = PowertoolsAuditLog.forService();
        IamClient iam = iam(config, awsCredentials);
        return apiKeysRoutes(config, ApiKeysPorts.of(Timed.iam(new IamApiKeys(iam), audit), audit, Clock.systemUTC())
                .withRecorder(state == null ? IssuanceRecorder.NONE : StateWiring.recorder(state.people()))
                .withBudgets(budgets == null ? BudgetGate.OFF : new BudgetGate(config.entitlements(), budgets, Clock.systemUTC())));
    }

    /**
     * What the API-keys routes call: the IAM port (the Lambda's, the priming stub's, a test's), the audit log and
     * clock, and the issuance recorder and budget gate, each off unless given.
     */
    public record ApiKeysPorts(IamUsers iam, AuditLog audit, Clock clock, IssuanceRecorder recorder, BudgetGate budgets) {
        /** Nothing recorded, no budgets. */
        public static ApiKeysPorts of(IamUsers iam, AuditLog audit, Clock clock) {
            return new ApiKeysPorts(iam, audit, clock, IssuanceRecorder.NONE, BudgetGate.OFF);
        }

        public ApiKeysPorts withRecorder(IssuanceRecorder other) {
            return new ApiKeysPorts(iam, audit, clock, other, budgets);
        }

        public ApiKeysPorts withBudgets(BudgetGate other) {
            return new ApiKeysPorts(iam, audit, clock, recorder, other);
        }
    }

    /** The API-keys routes over {@code ports}: the one way to build them, in Lambda, priming and tests. */
    public static ApiKeysRoutes apiKeysRoutes(BrokerConfig config, ApiKeysPorts ports) {
        ObjectMapper json = Json.mapper();
        return new ApiKeysRoutes(new IdentityResolver(config.issuers()),
                apiKeysService(config, ports.iam(), ports.clock(), ports.recorder(), ports.budgets()), ports.audit(),
                new Bodies(json), new Responses(json));
    }

    /**
     * The admin function's routes; {@code awsCredentials} signs the broker's own IAM and DynamoDB calls. Revocations
     * and the people it looks up live in the state table; without one ({@code BROKER_STATE_TABLE} unset, which the
     * stack never does) in this instance's memory, and the init says so.
     */
    public static AdminRoutes adminRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        var table = StateWiring.tableState(config, awsCredentials);
        if (table.isEmpty()) StateLog.noTable();
        return adminRoutes(config, awsCredentials, table.map(StateWiring.TableState::state).orElseGet(StateStores::inMemory),
                table.map(StateWiring.TableState::budgets).orElse(null));
    }

    /** The admin function's routes with this state, writing budget overrides to {@code budgets} (null: refused). */
    public static AdminRoutes adminRoutes(BrokerConfig config, AwsCredentialsProvider awsCredentials, StateStores state,
                                          BudgetStore budgets) {
        AuditLog audit = PowertoolsAuditLog.forService();
        IamClient iam = iam(config, awsCredentials);
        return adminRoutes(config, AdminPorts.of(Timed.iam(new IamApiKeys(iam), audit), sessionRevocations(config, iam),
                audit, Clock.systemUTC()).withState(state).withBudgets(budgets));
    }

    /**
     * What the admin routes call: the IAM ports (the Lambda's, the priming stub's, a test's), the state with the
     * revocations and people, the budget store for overrides (null: refused), the audit log, clock and sleeper.
     */
    public record AdminPorts(IamUsers iam, RoleInlinePolicy revocations, StateStores state, BudgetStore budgets,
                             AuditLog audit, Clock clock, Sleeper sleeper) {
        /** Revocations and people in memory, overrides refused, real sleeps. */
        public static AdminPorts of(IamUsers iam, RoleInlinePolicy revocations, AuditLog audit, Clock clock) {
            return new AdminPorts(iam, revocations, StateStores.inMemory(), null, audit, clock, Sleeper.THREAD);
        }

        public AdminPorts withState(StateStores other) {
            return new AdminPorts(iam, revocations, other, budgets, audit, clock, sleeper);
        }

        public AdminPorts withBudgets(BudgetStore other) {
            return new AdminPorts(iam, revocations, state, other, audit, clock, sleeper);
        }

        public AdminPorts withSleeper(Sleeper other) {
            return new AdminPorts(iam, revocations, state, budgets, audit, clock, other);
        }
    }

    /** The admin routes over {@code ports}: the one way to build them, in Lambda, priming and tests. */
    public static AdminRoutes adminRoutes(BrokerConfig config, AdminPorts ports) {
        SessionRevoker revoker = new SessionRevoker(ports.state().revocations(), ports.revocations(), ports.clock(),
                ports.sleeper(), SessionRevoker.PublishBudget.DEFAULT, config.legacyIssuers());
        AdminService admin = new AdminService(config.entitlements(),
                apiKeysService(config, ports.iam(), ports.clock(), IssuanceRecorder.NONE, BudgetGate.OFF),
                revoker, ports.state().people(),
                config.issuers().stream().map(broker.lambda.core.identity.TrustedIssuer::issuer).toList(),
                config.legacyIssuers(), ports.budgets(), ports.clock());
        return new AdminRoutes(new IdentityResolver(config.issuers()), admin, ports.audit(), new Responses(Json.mapper()));
    }

    /** The revoke-sessions deny policy, an inline policy of the Bedrock user role. */
    /**
     * Key reconciliation in Lambda (the scheduled reconcile function): IAM for the key users, the state table for who
     * was seen when ({@code BROKER_STATE_TABLE} is required: without it nobody would ever count as seen), audit lines
     * and metrics. {@value BrokerEnv#KEY_INACTIVE_DAYS} from {@code env}.
     */
    public static KeyReconciliation keyReconciliation(BrokerConfig config, Map<String, String> env,
                                                      AwsCredentialsProvider awsCredentials) {
        Duration inactiveAfter = keyInactiveAfter(env);
        StateStores state = StateWiring.table(config, awsCredentials).orElseThrow(() -> new IllegalStateException(
                BrokerEnv.STATE_TABLE + " is not set: key reconciliation cannot tell when people were last seen"));
        IamClient iam = iam(config, awsCredentials);
        return keyReconciliation(config, new IamApiKeys(iam), new IamKeyUserMaintenance(iam), state.people(),
                inactiveAfter, ReconciliationLog.forService(inactiveAfter), Clock.systemUTC());
    }

    /** Key reconciliation over any IAM and directory of people (the local broker, tests). */
    public static KeyReconciliation keyReconciliation(BrokerConfig config, IamUsers iam, KeyUserMaintenance maintenance,
                                                      PersonDirectory people, Duration inactiveAfter,
                                                      ReconcileEvents events, Clock clock) {
        return new KeyReconciliation(iam, maintenance, people, config.iamUserPath(), inactiveAfter, events, clock,
                OwnerIssuers.of(config.issuers()).unnamedIssuer());
    }

    /**
     * How long a person may go unseen before their long-term keys are deactivated: {@value BrokerEnv#KEY_INACTIVE_DAYS}
     * days, {@value BrokerEnv#DEFAULT_KEY_INACTIVE_DAYS} when unset; a bad value fails the function's start.
     */
    public static Duration keyInactiveAfter(Map<String, String> env) {
        String value = env.get(BrokerEnv.KEY_INACTIVE_DAYS);
        if (value == null || value.isBlank()) return Duration.ofDays(BrokerEnv.DEFAULT_KEY_INACTIVE_DAYS);
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= BrokerEnv.MAX_KEY_INACTIVE_DAYS) return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(BrokerEnv.KEY_INACTIVE_DAYS + " must be a whole number of days from 1 to "
                + BrokerEnv.MAX_KEY_INACTIVE_DAYS + ": " + value);
    }

    public static RoleInlinePolicy sessionRevocations(BrokerConfig config, IamClient iam) {
        return new IamRolePolicy(iam, IamRolePolicy.roleName(config.roleArn()), SessionRevoker.POLICY_NAME);
    }

    /**
     * IAM is a global service with one endpoint per partition; the SDK's endpoint rules pick it (and the signing
     * region) from the broker's own region, so the same setting serves {@code aws}, {@code aws-cn} and {@code aws-us-gov}.
     */
    private static IamClient iam(BrokerConfig config, AwsCredentialsProvider awsCredentials) {
        return AwsClients.client(IamClient.builder(),
                AwsClients.Connection.of(config.region(), config.iamEndpoint(), awsCredentials));
    }

    private static ApiKeysService apiKeysService(BrokerConfig config, IamUsers iam, Clock clock,
                                                 IssuanceRecorder recorder, BudgetGate budgets) {
        return new ApiKeysService(config.entitlements(), iam, BedrockAccount.fromRoleArn(config.roleArn()),
                config.iamUserPath(), config.requirePermissionsBoundaryArn(), clock, recorder, budgets, config.legacyIssuers());
    }
}
