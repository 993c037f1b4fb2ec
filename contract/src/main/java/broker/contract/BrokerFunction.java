package broker.contract;

import java.util.Objects;

/**
 * The broker's Lambda functions: the CDK construct id of each, the handler class the Lambda runtime loads, and the jar
 * that holds it. Their routes are in {@link ApiRoutes}.
 */
public enum BrokerFunction {
    /** Issues credentials: the only function trusted by the Bedrock user role. */
    CREDENTIALS("Credentials", "broker.lambda.handler.CredentialsHandler", LambdaJar.CREDENTIALS),
    /** Serves the public bootstrap routes (client-config, OpenAPI document, portal). */
    PUBLIC("Public", "broker.lambda.handler.PublicHandler", LambdaJar.CREDENTIALS),
    /** Creates, lists and deletes the caller's long-term Bedrock API keys. */
    API_KEYS("ApiKeys", "broker.lambda.handler.ApiKeysHandler", LambdaJar.KEYS),
    /** The admin routes: anyone's keys, and session revocation on the Bedrock user role. */
    ADMIN("Admin", "broker.lambda.handler.AdminHandler", LambdaJar.KEYS),
    /** Usage reads: the caller's usage and the admins' month report, from the usage ledger. */
    USAGE("Usage", "broker.lambda.handler.UsageHandler", LambdaJar.KEYS),
    /** Usage ingestion: Bedrock's invocation log records from a CloudWatch Logs subscription into the ledger; no routes. */
    USAGE_INGEST("UsageIngest", "broker.lambda.handler.UsageIngestHandler", LambdaJar.KEYS),
    /**
     * Key reconciliation, on a daily schedule: deactivates the long-term keys of people not seen for a configured number
     * of days, deletes keyless key users, reports the account's IAM users against the quota; no routes.
     */
    RECONCILE("Reconcile", "broker.lambda.handler.ReconcileHandler", LambdaJar.KEYS),
    /**
     * Opt-in (CDK context {@code createInvocationLogging}): the CloudFormation custom resource that turns Bedrock's
     * model invocation logging on (metadata only) and off, never replacing a configuration it did not make; no routes.
     * In the credentials jar, which holds the Bedrock control-plane model.
     */
    INVOCATION_LOGGING("InvocationLogging", "broker.lambda.handler.InvocationLoggingHandler", LambdaJar.CREDENTIALS),
    /**
     * Budget restore, on a schedule: reactivates the long-term keys that the budget cut-off set Inactive, once the cap's
     * period has reset (docs/budgets.md); no routes.
     */
    BUDGET_RESTORE("BudgetRestore", "broker.lambda.handler.BudgetRestoreHandler", LambdaJar.KEYS),
    /**
     * The HTTP API's Lambda authorizer, deployed only when the stack trusts more than one issuer (CDK context
     * {@code issuers}): verifies bearer tokens from every configured issuer, as the local broker does; no routes.
     */
    AUTHORIZER("Authorizer", "broker.lambda.handler.AuthorizerHandler", LambdaJar.CREDENTIALS);

    private final String id;
    private final String handlerClass;
    private final LambdaJar jar;

    BrokerFunction(String id, String handlerClass, LambdaJar jar) {
        this.id = Objects.requireNonNull(id);
        this.handlerClass = Objects.requireNonNull(handlerClass);
        this.jar = Objects.requireNonNull(jar);
    }

    /** The stable CDK construct id (PascalCase): changing it replaces the function. */
    public String id() {
        return id;
    }

    /** The fully qualified name of the function's {@code RequestHandler}. */
    public String handlerClass() {
        return handlerClass;
    }

    /** The Lambda runtime's handler string: {@code class::handleRequest}. */
    public String handler() {
        return handlerClass + "::handleRequest";
    }

    /** The jar that holds the handler and the SDK models it calls. */
    public LambdaJar jar() {
        return jar;
    }
}
