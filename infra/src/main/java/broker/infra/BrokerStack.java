package broker.infra;

import broker.contract.BrokerEnv;
import broker.contract.BrokerFunction;
import broker.contract.LambdaJar;
import broker.contract.Telemetry;
import broker.infra.config.StackConfig;
import broker.infra.construct.ApiAlarms;
import broker.infra.construct.ApiKeyUsers;
import broker.infra.construct.BrokerApi;
import broker.infra.construct.BudgetEnforcement;
import broker.infra.construct.FunctionSpec;
import broker.infra.construct.Functions;
import broker.infra.construct.Identity;
import broker.infra.construct.InvocationLogging;
import broker.infra.construct.KeyReconciliation;
import broker.infra.construct.StateTable;
import broker.infra.construct.Usage;
import broker.infra.construct.UserRole;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The whole broker: identity, functions, the Bedrock user role and the HTTP API. It only composes the constructs
 * and hands values between them; each construct sets its own resources' properties.
 */
public final class BrokerStack extends Stack {
    /** C1 only: the fastest start for short request/response work. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    public BrokerStack(Construct scope, String id, StackProps props, StackConfig config) {
        super(scope, id, props);

        var identity = new Identity(this, "Identity", new Identity.Props(
                config.identity(), config.client().redirectPorts(), config.entitlements().groups(),
                config.removalPolicy()));

        var functions = new Functions(this, "Functions", new Functions.Props(
                lambdaCode(config),
                FunctionSpec.forStack(config.createInvocationLogging(), config.severalIssuers()),
                environment(config, identity),
                config.logRetention(),
                config.removalPolicy()));

        var userRole = new UserRole(this, "UserRole", new UserRole.Props(
                functions.role(BrokerFunction.CREDENTIALS), config.entitlements().roleCeilingPolicy(),
                config.entitlements().modelFamilies()));
        // Every function's BrokerConfig requires it; only the credentials function may assume the role.
        functions.addEnvironment(BrokerEnv.ROLE_ARN, userRole.roleArn());

        var keyUsers = new ApiKeyUsers(this, "ApiKeyUsers", new ApiKeyUsers.Props(
                config.iamUserPath(), config.entitlements().keyUserBoundaryPolicy(),
                config.entitlements().maxKeyAgeDays(), functions.role(BrokerFunction.API_KEYS),
                functions.role(BrokerFunction.ADMIN), config.removalPolicy(), config.entitlements().modelFamilies()));
        var revocation = userRole.grantSessionRevocation(functions.role(BrokerFunction.ADMIN));
        List<BrokerFunction> keyFunctions = List.of(BrokerFunction.API_KEYS, BrokerFunction.ADMIN);
        functions.addEnvironment(keyFunctions, BrokerEnv.IAM_USER_PATH, config.iamUserPath());
        functions.addEnvironment(keyFunctions, BrokerEnv.PERMISSIONS_BOUNDARY_ARN, keyUsers.boundaryArn());

        // Revocations, who was issued to and whose session is whose: each function may touch only its own items.
        var state = new StateTable(this, "State", config.removalPolicy());
        functions.addEnvironment(List.of(BrokerFunction.CREDENTIALS, BrokerFunction.API_KEYS, BrokerFunction.ADMIN),
                BrokerEnv.STATE_TABLE, state.tableName());
        var issuanceRecords = state.grant("CredentialsAccess", functions.role(BrokerFunction.CREDENTIALS),
                StateTable.ISSUANCE);
        // Without a profile that allows long-term keys the API-keys function creates nothing, so it records nothing
        // and refuses every creation before the budget check: it gets neither of its state grants.
        List<Policy> keyState = config.entitlements().maxKeyAgeDays() > 0
                ? List.of(state.grant("ApiKeysAccess", functions.role(BrokerFunction.API_KEYS), StateTable.KEY_ISSUANCE),
                        state.grant("ApiKeysBudgetAccess", functions.role(BrokerFunction.API_KEYS), StateTable.BUDGET_CHECK))
                : List.of();
        var adminState = state.grant("AdminAccess", functions.role(BrokerFunction.ADMIN), StateTable.ADMIN);
        // The budget check at issuance: one read of the person's spend and override (docs/budgets.md).
        var credentialsBudgets = state.grant("CredentialsBudgetAccess", functions.role(BrokerFunction.CREDENTIALS),
                StateTable.BUDGET_CHECK);
        var adminBudgets = state.grant("AdminBudgetAccess", functions.role(BrokerFunction.ADMIN), StateTable.BUDGET_OVERRIDE);

        // The roles' policies are separate resources: without these, a function could run before it may call IAM.
        functions.get(BrokerFunction.CREDENTIALS).function().getNode().addDependency(issuanceRecords, credentialsBudgets);
        functions.get(BrokerFunction.API_KEYS).function().getNode().addDependency(keyUsers.apiKeysPolicy());
        keyState.forEach(policy -> functions.get(BrokerFunction.API_KEYS).function().getNode().addDependency(policy));
        functions.get(BrokerFunction.ADMIN).function().getNode().addDependency(keyUsers.adminPolicy(), revocation,
                adminState, adminBudgets);

        List<BrokerFunction> usageFunctions = List.of(BrokerFunction.USAGE, BrokerFunction.USAGE_INGEST);
        functions.addEnvironment(usageFunctions, BrokerEnv.IAM_USER_PATH, config.iamUserPath());
        functions.addEnvironment(usageFunctions, BrokerEnv.STATE_TABLE, state.tableName());
        // The ledger's items only: the usage function reads, the ingest function also claims and adds (a
        // TransactWriteItems is authorized as its Puts and Updates) and reads whose session is whose.
        var usageReads = state.grant("UsageAccess", functions.role(BrokerFunction.USAGE), new StateTable.Access(
                List.of("dynamodb:BatchGetItem", "dynamodb:Query"), List.of("usage#*", "usage-month#*")));
        var usageWrites = state.grant("UsageIngestAccess", functions.role(BrokerFunction.USAGE_INGEST),
                new StateTable.Access(List.of("dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                        List.of("usage#*", "usage-month#*", "usage-request#*", "session#*")));
        var usageBudgets = state.grant("UsageBudgetAccess", functions.role(BrokerFunction.USAGE), StateTable.BUDGET_REPORT);
        functions.get(BrokerFunction.USAGE).function().getNode().addDependency(usageReads, usageBudgets);
        functions.get(BrokerFunction.USAGE_INGEST).function().getNode().addDependency(usageWrites);
        // Opt-in: the stack's own invocation log group, with Bedrock's logging turned on by a custom resource.
        Optional<InvocationLogging> invocationLogging = config.createInvocationLogging()
                ? Optional.of(new InvocationLogging(this, "InvocationLogging", new InvocationLogging.Props(
                        functions.get(BrokerFunction.INVOCATION_LOGGING), config.stackName(), config.logRetention(),
                        config.removalPolicy())))
                : Optional.empty();
        new Usage(this, "Usage", new Usage.Props(functions.get(BrokerFunction.USAGE_INGEST), config.usageLogGroup(),
                config.iamUserPath(), invocationLogging.map(InvocationLogging::logGroup).orElse(null)));

        // Budgets: the cut-off runs in usage ingestion after each batch, the restore on its schedule (docs/budgets.md).
        List<BrokerFunction> budgetFunctions = List.of(BrokerFunction.USAGE_INGEST, BrokerFunction.BUDGET_RESTORE);
        functions.addEnvironment(List.of(BrokerFunction.BUDGET_RESTORE), BrokerEnv.STATE_TABLE, state.tableName());
        functions.addEnvironment(List.of(BrokerFunction.BUDGET_RESTORE), BrokerEnv.IAM_USER_PATH, config.iamUserPath());
        functions.addEnvironment(budgetFunctions, BrokerEnv.PERMISSIONS_BOUNDARY_ARN, keyUsers.boundaryArn());
        var ingestRole = functions.role(BrokerFunction.USAGE_INGEST);
        var cutoffRevocation = userRole.grantSessionRevocation("CutoffRevocationPolicy", ingestRole);
        var cutoffState = state.grant("CutoffAccess", ingestRole, StateTable.CUTOFF_REVOCATION);
        var cutoffBudgets = state.grant("CutoffBudgetAccess", ingestRole, StateTable.CUTOFF_BUDGETS);
        var restoreRole = functions.role(BrokerFunction.BUDGET_RESTORE);
        var restoreState = state.grant("RestoreAccess", restoreRole, StateTable.RESTORE);
        // The restore pass also drives incomplete cut-offs again (their revocation) and restores early when an admin
        // override lifts the person (their override and totals, as the check at issuance reads them).
        var restoreRevocation = userRole.grantSessionRevocation("RestoreRevocationPolicy", restoreRole);
        var restoreRevocationState = state.grant("RestoreRevocationAccess", restoreRole, StateTable.CUTOFF_REVOCATION);
        var restoreBudgetRead = state.grant("RestoreBudgetRead", restoreRole, StateTable.BUDGET_CHECK);
        var budgets = new BudgetEnforcement(this, "Budgets", new BudgetEnforcement.Props(ingestRole,
                functions.get(BrokerFunction.BUDGET_RESTORE), config.iamUserPath()));
        functions.get(BrokerFunction.USAGE_INGEST).function().getNode().addDependency(cutoffRevocation, cutoffState,
                cutoffBudgets, budgets.ingestKeys());
        functions.get(BrokerFunction.BUDGET_RESTORE).function().getNode().addDependency(restoreState, budgets.restoreKeys(),
                restoreRevocation, restoreRevocationState, restoreBudgetRead);

        // Key reconciliation: who was seen when (the people's records), and the key users under the path.
        functions.addEnvironment(List.of(BrokerFunction.RECONCILE), BrokerEnv.STATE_TABLE, state.tableName());
        functions.addEnvironment(List.of(BrokerFunction.RECONCILE), BrokerEnv.IAM_USER_PATH, config.iamUserPath());
        functions.addEnvironment(List.of(BrokerFunction.RECONCILE), BrokerEnv.KEY_INACTIVE_DAYS,
                String.valueOf(config.keyInactiveDays()));
        var reconcileState = state.grant("ReconcileAccess", functions.role(BrokerFunction.RECONCILE),
                new StateTable.Access(List.of("dynamodb:GetItem"), List.of("person#*")));
        var reconciliation = new KeyReconciliation(this, "KeyReconciliation", new KeyReconciliation.Props(
                functions.get(BrokerFunction.RECONCILE), config.iamUserPath()));
        functions.get(BrokerFunction.RECONCILE).function().getNode().addDependency(reconciliation.policy(),
                reconcileState);

        var api = new BrokerApi(this, "Api", new BrokerApi.Props(
                identity.issuer(), identity.audiences(), functions.all(), config.allowedOrigins(),
                config.throttling(), config.logRetention(), config.removalPolicy(),
                config.severalIssuers() ? functions.get(BrokerFunction.AUTHORIZER) : null));
        new ApiAlarms(this, "ApiAlarms", new ApiAlarms.Props(api.api(), api.accessLogs()));

        output("ApiUrl", api.url(), "Base URL of the Bedrock Broker API");
        output("ConfigureCommand", Fn.join("", List.of("bedrock-broker configure --url ", api.url())),
                "What each user runs once to point the client at this broker");
        output("Issuer", identity.issuer(), "OIDC issuer whose tokens the API accepts");
        output("CliClientId", identity.cliClientId(), "Public OIDC client id the CLI signs in with");
        output("UserRoleArn", userRole.roleArn(), "Role that every issued Bedrock session runs as");
        output("ApiKeyUserPath", config.iamUserPath(), "IAM path of the users that hold long-term Bedrock API keys");
        output("ApiKeyUserBoundaryArn", keyUsers.boundaryArn(), "Permissions boundary of every API-key user");
        output("PortalUrl", api.url() + "/portal",
                "Onboarding page: register it as the portal client's callback URL (portalCallbackUrls)");
        identity.cognito().ifPresent(cognito -> {
            output("UserPoolId", cognito.userPool().getUserPoolId(), "Cognito user pool: add users and groups here");
            output("LoginUrl", cognito.domain().baseUrl(), "Cognito managed login domain");
            cognito.portal().ifPresent(portal ->
                    output("PortalClientId", portal.getUserPoolClientId(), "Public OIDC client id for the portal"));
        });
    }

    /** One asset per Lambda jar: functions that share a jar share its asset (uploaded once). */
    private static Map<LambdaJar, Code> lambdaCode(StackConfig config) {
        Map<LambdaJar, Code> code = new EnumMap<>(LambdaJar.class);
        config.lambdaPackages().forEach((jar, directory) -> code.put(jar, Code.fromAsset(directory.toString())));
        return code;
    }

    private static Map<String, String> environment(StackConfig config, Identity identity) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(BrokerEnv.REGION, Aws.REGION);
        env.put(BrokerEnv.ISSUER, identity.issuer());
        env.put(BrokerEnv.CLIENT_ID, identity.cliClientId());
        env.put(BrokerEnv.SCOPES, String.join(" ", config.client().scopes()));
        env.put(BrokerEnv.REDIRECT_PORTS, String.join(",",
                config.client().redirectPorts().stream().map(String::valueOf).toList()));
        env.put(BrokerEnv.SUBJECT_CLAIM, config.client().subjectClaim());
        // The functions check azp/client_id/cid themselves when an audience is not one of the clients.
        env.put(BrokerEnv.AUDIENCES, Fn.join(",", identity.audiences()));
        env.put(BrokerEnv.USERNAME_CLAIM, config.client().usernameClaim());
        env.put(BrokerEnv.GROUPS_CLAIM, config.client().groupsClaim());
        // Every function resolves callers of every trusted issuer; the Lambda authorizer verifies the same list.
        if (config.severalIssuers()) env.put(BrokerEnv.ISSUERS, config.extraIssuers());
        env.put(BrokerEnv.PRIMARY_MODEL, config.client().primaryModel());
        env.put(BrokerEnv.FAST_MODEL, config.client().fastModel());
        identity.cognito().flatMap(Identity.CognitoResources::portal).map(UserPoolClient::getUserPoolClientId)
                .or(() -> Optional.ofNullable(config.client().portalClientId()))
                .ifPresent(portal -> env.put(BrokerEnv.PORTAL_CLIENT_ID, portal));
        env.put("POWERTOOLS_SERVICE_NAME", Telemetry.SERVICE_NAME);
        env.put("POWERTOOLS_METRICS_NAMESPACE", Telemetry.METRICS_NAMESPACE);
        env.put("POWERTOOLS_LOG_LEVEL", config.logLevel());
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return env;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
