package broker.infra.construct;

import broker.infra.config.LambdaJar;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/**
 * One broker function: its handler, size and the API routes it serves. {@link Functions} builds every function
 * from a list of these, and {@link HttpApi} routes to them.
 *
 * @param id             stable construct id (PascalCase); changing it replaces the function
 * @param handler        {@code class::method} in the Lambda jar
 * @param jar            the Lambda jar that holds the handler and the SDK models it calls
 * @param description    shown in the Lambda console
 * @param memoryMb       memory (and so CPU) of the function
 * @param timeoutSeconds at most API Gateway's 30 s integration timeout
 * @param routes         the HTTP API routes served by this function
 * @param resourcelessActions actions the function calls that have no resource type in the Service Authorization
 *                       Reference, so they can only be allowed on {@code *} (e.g. {@code bedrock:ListFoundationModels})
 * @param reservedConcurrency concurrent executions reserved for (and the most allowed to) this function, or null to
 *                       share the account's unreserved pool
 */
public record FunctionSpec(String id, String handler, LambdaJar jar, String description, int memoryMb, int timeoutSeconds,
                           List<Route> routes, List<String> resourcelessActions, Integer reservedConcurrency) {

    /** The function that issues credentials: the only one trusted by the Bedrock user role. */
    public static final String CREDENTIALS = "Credentials";
    /** The function that serves the public bootstrap routes. */
    public static final String PUBLIC = "Public";
    /** The function that creates, lists and deletes the caller's long-term Bedrock API keys. */
    public static final String API_KEYS = "ApiKeys";
    /** The function behind the admin routes: anyone's keys, and session revocation on the Bedrock user role. */
    public static final String ADMIN = "Admin";

    public FunctionSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(description, "description");
        if (timeoutSeconds < 1 || timeoutSeconds > 29) {
            throw new IllegalArgumentException("timeoutSeconds must stay under API Gateway's 30 s limit");
        }
        routes = List.copyOf(routes);
        resourcelessActions = List.copyOf(resourcelessActions);
        if (reservedConcurrency != null && reservedConcurrency < 1) {
            throw new IllegalArgumentException("reservedConcurrency must be at least 1 (0 would stop the function)");
        }
    }

    /** A function that needs no resourceless actions and shares the account's unreserved concurrency. */
    public FunctionSpec(String id, String handler, LambdaJar jar, String description, int memoryMb, int timeoutSeconds,
                        List<Route> routes) {
        this(id, handler, jar, description, memoryMb, timeoutSeconds, routes, List.of(), null);
    }

    /**
     * The model catalog's reads (ListFoundationModels, ListInferenceProfiles): neither has a resource type in the
     * Service Authorization Reference, so only {@code *} works; both return catalog metadata, never model access.
     */
    public static final List<String> MODEL_CATALOG_ACTIONS =
            List.of("bedrock:ListFoundationModels", "bedrock:ListInferenceProfiles");

    /**
     * One route of the HTTP API.
     *
     * @param method     HTTP method
     * @param path       path, e.g. {@code /v1/me}
     * @param authorized true: the JWT authorizer must accept the caller's token; false: public
     */
    public record Route(HttpMethod method, String path, boolean authorized) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The broker's functions, each with its routes. Permissions beyond logging and tracing attach to
     * {@link Functions#role(String)}: the credentials role's in {@link UserRole}, the API-keys and admin roles' in
     * {@link ApiKeyUsers} and {@link UserRole#grantSessionRevocation}.
     */
    public static List<FunctionSpec> broker() {
        return List.of(
                new FunctionSpec(CREDENTIALS, "broker.lambda.handler.CredentialsHandler::handleRequest", LambdaJar.CREDENTIALS,
                        "Bedrock Broker: STS credentials, short-term Bedrock API keys, caller identity and models",
                        1024, 15, List.of(
                                new Route(HttpMethod.GET, "/v1/me", true),
                                new Route(HttpMethod.POST, "/v1/credentials", true),
                                new Route(HttpMethod.POST, "/v1/bearer-tokens", true),
                                new Route(HttpMethod.GET, "/v1/models", true)),
                        MODEL_CATALOG_ACTIONS, null),
                new FunctionSpec(PUBLIC, "broker.lambda.handler.PublicHandler::handleRequest", LambdaJar.CREDENTIALS,
                        "Bedrock Broker: public client bootstrap, OpenAPI document and onboarding page",
                        512, 10, List.of(
                                new Route(HttpMethod.GET, "/v1/client-config", false),
                                new Route(HttpMethod.GET, "/v1/openapi.json", false),
                                new Route(HttpMethod.GET, "/portal", false),
                                new Route(HttpMethod.GET, "/portal/{asset}", false)),
                        // The client-config's recommended models come from the model catalog.
                        MODEL_CATALOG_ACTIONS, null),
                // Creating a key is a chain of up to nine IAM calls: the longest timeout that API Gateway leaves room for.
                new FunctionSpec(API_KEYS, "broker.lambda.handler.ApiKeysHandler::handleRequest", LambdaJar.KEYS,
                        "Bedrock Broker: the caller's long-term Bedrock API keys",
                        1024, 29, List.of(
                                new Route(HttpMethod.POST, "/v1/api-keys", true),
                                new Route(HttpMethod.GET, "/v1/api-keys", true),
                                new Route(HttpMethod.DELETE, "/v1/api-keys/{id}", true))),
                // Revocation is a read-modify-write of one inline policy on the Bedrock user role: one execution at
                // a time, so two admins never overwrite each other's entries.
                new FunctionSpec(ADMIN, "broker.lambda.handler.AdminHandler::handleRequest", LambdaJar.KEYS,
                        "Bedrock Broker: admin routes (anyone's API keys, session revocation)",
                        1024, 20, List.of(
                                new Route(HttpMethod.GET, "/v1/admin/users/{user}/api-keys", true),
                                new Route(HttpMethod.DELETE, "/v1/admin/users/{user}/api-keys/{id}", true),
                                new Route(HttpMethod.POST, "/v1/admin/users/{user}/revoke-sessions", true)),
                        List.of(), 1));
    }
}
