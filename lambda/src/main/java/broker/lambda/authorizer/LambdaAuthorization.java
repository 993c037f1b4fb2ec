package broker.lambda.authorizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The decision of the HTTP API's Lambda authorizer (REQUEST type, payload format 2.0, simple responses), used when a
 * deployment trusts more than one issuer: API Gateway's JWT authorizer takes one issuer per route. The bearer token of
 * the {@code Authorization} header is verified by {@link IssuersAuthorizer}, the same code the local broker runs, and
 * an accepted token's claims go to the integration as the authorizer's {@code context}, flattened exactly as the JWT
 * authorizer flattens them, so the functions resolve callers the same way behind either authorizer.
 */
public final class LambdaAuthorization {
    /** The simple response's member that says yes or no. */
    public static final String IS_AUTHORIZED = "isAuthorized";
    /** The simple response's member whose values API Gateway hands to the integration ({@code authorizer.lambda}). */
    public static final String CONTEXT = "context";

    private final Authorizer authorizer;
    private final Consumer<String> refusals;

    /**
     * @param authorizer verifies the bearer token
     * @param refusals   told why a token was refused (for the log; never the token)
     */
    public LambdaAuthorization(Authorizer authorizer, Consumer<String> refusals) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /** The simple response to an authorizer event (payload format 2.0); never throws. */
    public Map<String, Object> decide(Map<String, Object> event) {
        String authorization = header(event, "authorization");
        AuthorizationResult result;
        try {
            result = authorizer.authorize(authorization);
        } catch (RuntimeException e) {
            result = new AuthorizationResult.Unauthorized("verification failed: " + e.getClass().getSimpleName());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        switch (result) {
            case AuthorizationResult.Authorized(var claims, var scopes) -> {
                response.put(IS_AUTHORIZED, true);
                response.put(CONTEXT, new LinkedHashMap<String, Object>(claims));
            }
            case AuthorizationResult.Unauthorized(var reason) -> {
                refusals.accept(reason);
                response.put(IS_AUTHORIZED, false);
            }
        }
        return response;
    }

    /** A header of the event, by case-insensitive name (payload 2.0 lower-cases them); null when absent. */
    private static String header(Map<String, Object> event, String name) {
        if (event == null || !(event.get("headers") instanceof Map<?, ?> headers)) return null;
        for (Map.Entry<?, ?> entry : headers.entrySet()) {
            if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name) && entry.getValue() instanceof String value) {
                return value;
            }
        }
        return null;
    }
}
