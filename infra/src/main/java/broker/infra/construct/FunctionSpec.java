package broker.infra.construct;

import broker.contract.ApiRoute;
import broker.contract.ApiRoutes;
import broker.contract.BrokerFunction;
import broker.lambda.core.Require;
import java.util.List;

/**
 * How one broker function is deployed: its size, limits and the resourceless actions it calls. Its id, handler, jar
 * and routes come from the contract ({@link BrokerFunction}, {@link ApiRoutes}). {@link Functions} builds every
 * function from a list of these, and {@link BrokerApi} routes to them.
 *
 * @param function       which function
 * @param description    shown in the Lambda console
 * @param memoryMb       memory (and so CPU) of the function
 * @param timeoutSeconds at most 29 s (API Gateway's 30 s integration timeout) for a function with routes; at most
 *                       Lambda's 900 s for one without
 * @param resourcelessActions actions the function calls that have no resource type in the Service Authorization
 *                       Reference, so they can only be allowed on {@code *} (e.g. {@code bedrock:ListFoundationModels})
 * @param reservedConcurrency concurrent executions reserved for (and the most allowed to) this function, or null to
 *                       share the account's unreserved pool
 */
public record FunctionSpec(BrokerFunction function, String description, int memoryMb, int timeoutSeconds,
                           List<String> resourcelessActions, Integer reservedConcurrency) {

    public FunctionSpec {
        Require.nonNull("function description", function, description);
        if (timeoutSeconds < 1 || timeoutSeconds > (ApiRoutes.of(function).isEmpty() ? MAX_TIMEOUT : MAX_ROUTE_TIMEOUT)) {
            throw new IllegalArgumentException(ApiRoutes.of(function).isEmpty()
                    ? "timeoutSeconds must stay within Lambda's 900 s" : "timeoutSeconds must stay under API Gateway's 30 s limit");
        }
        resourcelessActions = List.copyOf(resourcelessActions);
        if (reservedConcurrency != null && reservedConcurrency < 1) {
            throw new IllegalArgumentException("reservedConcurrency must be at least 1 (0 would stop the function)");
        }
    }

    /** The longest timeout of a function with routes: API Gateway's integration timeout is 30 s. */
    static final int MAX_ROUTE_TIMEOUT = 29;
    /** Lambda's longest timeout. */
    static final int MAX_TIMEOUT = 900;

    /** A function that needs no resourceless actions and shares the account's unreserved concurrency. */
    public FunctionSpec(BrokerFunction function, String description, int memoryMb, int timeoutSeconds) {
        this(function, description, memoryMb, timeoutSeconds, List.of(), null);
    }

    /** The HTTP API routes served by this function. */
    public List<ApiRoute> routes() {
        return ApiRoutes.of(function);
    }

    /**
     * The functions of a stack: {@link #broker()}, without the invocation logging custom resource's function unless the
     * stack creates invocation logging ({@code createInvocationLogging}).
     */
    public static List<FunctionSpec> forStack(boolean invocationLogging) {
        return forStack(invocationLogging, false);
    }

    /**
     * The same, and the Lambda authorizer only when the stack trusts several issuers ({@code issuersFile}); with one
     * issuer API Gateway's own JWT authorizer verifies tokens.
     */
    public static List<FunctionSpec> forStack(boolean invocationLogging, boolean severalIssuers) {
        return broker().stream()
                .filter(spec -> invocationLogging || spec.function() != BrokerFunction.INVOCATION_LOGGING)
                .filter(spec -> severalIssuers || spec.function() != BrokerFunction.AUTHORIZER).toList();
    }

    /**
     * The model catalog's reads (ListFoundationModels, ListInferenceProfiles): neither has a resource type in the
     * Service Authorization Reference, so only {@code *} works; both return catalog metadata, never model access.
     */
    public static final List<String> MODEL_CATALOG_ACTIONS =
            List.of("bedrock:ListFoundationModels", "bedrock:ListInferenceProfiles");

    /**
     * The broker's functions. Permissions beyond logging and tracing attach to {@link Functions#role}: the
     * credentials role's in {@link UserRole}, the API-keys and admin roles' in {@link ApiKeyUsers} and
     * {@link UserRole#grantSessionRevocation}.
     */
    public static List<FunctionSpec> broker() {
        return List.of(
                new FunctionSpec(BrokerFunction.CREDENTIALS,
                        "Bedrock Broker: STS credentials, short-term Bedrock API keys, caller identity and models",
                        1024, 15, MODEL_CATALOG_ACTIONS, null),
                new FunctionSpec(BrokerFunction.PUBLIC,
                        "Bedrock Broker: public client bootstrap, OpenAPI document and onboarding page",
                        512, 10,
                        // The client-config's recommended models come from the model catalog.
                        MODEL_CATALOG_ACTIONS, null),
                // Creating a key is a chain of up to nine IAM calls: the longest timeout that API Gateway leaves room for.
                new FunctionSpec(BrokerFunction.API_KEYS, "Bedrock Broker: the caller's long-term Bedrock API keys",
                        1024, 29),
                // Revocation is a read-modify-write of one inline policy on the Bedrock user role: one execution at
                // a time, so two admins never overwrite each other's entries.
                new FunctionSpec(BrokerFunction.ADMIN,
                        "Bedrock Broker: admin routes (anyone's API keys, session revocation)",
                        1024, 20, List.of(), 1),
                new FunctionSpec(BrokerFunction.USAGE,
                        "Bedrock Broker: the caller's usage and the admins' usage report", 1024, 10),
                new FunctionSpec(BrokerFunction.USAGE_INGEST,
                        "Bedrock Broker: counts Bedrock's invocation log records into the usage ledger", 1024, 29),
                // A daily walk over every key user (a few IAM calls each); one run at a time.
                new FunctionSpec(BrokerFunction.RECONCILE,
                        "Bedrock Broker: deactivates long-term keys of people not seen for N days, deletes keyless "
                                + "key users, reports IAM users against the quota", 1024, 600,
                        // GetAccountSummary has no resource type in the Service Authorization Reference.
                        List.of("iam:GetAccountSummary"), 1),
                // Runs at stack creation, update and deletion only (a CloudFormation custom resource).
                // A few IAM calls per person cut off whose period reset; one run at a time.
                new FunctionSpec(BrokerFunction.BUDGET_RESTORE,
                        "Bedrock Broker: reactivates long-term keys set Inactive by a budget cut-off once the period reset",
                        1024, 120, List.of(), 1),
                new FunctionSpec(BrokerFunction.INVOCATION_LOGGING,
                        "Bedrock Broker: turns Bedrock model invocation logging on (metadata only) and off, never "
                                + "replacing a configuration it did not make", 512, 60,
                        // None of the three has a resource type in the Service Authorization Reference.
                        List.of("bedrock:GetModelInvocationLoggingConfiguration",
                                "bedrock:PutModelInvocationLoggingConfiguration",
                                "bedrock:DeleteModelInvocationLoggingConfiguration"), null),
                // Verifies a bearer token (a JWKS fetch per issuer and 15 minutes, cached): API Gateway waits at most
                // 10 s for an authorizer. No AWS calls, so no permissions beyond logs and tracing.
                new FunctionSpec(BrokerFunction.AUTHORIZER,
                        "Bedrock Broker: verifies bearer tokens of every configured issuer for the HTTP API", 512, 10));
    }
}
